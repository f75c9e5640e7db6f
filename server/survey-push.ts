import { and, eq, inArray, sql } from 'drizzle-orm';
import { answerKey, type SurveyKind, type SurveyRejectCode, type SurveyResponsePushResult } from '../contract';
import type { Database } from './db/client';
import { surveyResponses, surveys } from './db/schema';
import { checkResponse, type CheckedResponse } from './survey-response-check';
import { lockSurveys, type Transaction } from './survey-lock';
import { nextSurveyRevision, type SurveyRow } from './survey-store';

/**
 * Stores a batch of pushed answers for `respondent` and answers one result per answer, in order.
 * Everything is decided under the survey lock from what is stored plus what this batch accepted
 * before it, so a retry is `duplicate`, a second answer for the same item is `already_answered`, and
 * two processes racing for the cap's last place cannot both take it. `now` is the server's clock.
 */
export async function pushSurveyResponses(
  db: Database,
  respondent: string,
  raws: unknown[],
  now: Date,
): Promise<SurveyResponsePushResult[]> {
  const checks = raws.map((raw, index) => checkResponse(raw, index));
  const valid = checks.flatMap((check, index) => (check.ok ? [{ index, ...check.checked }] : []));
  if (valid.length === 0) return checks.map((check) => (check.ok ? unreachable() : check.result));
  const decided = await db.transaction(async (tx) => {
    await lockSurveys(tx);
    return decideAndStore(tx, respondent, valid, now);
  });
  return checks.map((check, index) => (check.ok ? decided.get(index)! : check.result));
}

function unreachable(): never {
  throw new Error('a valid check among none');
}

type Pending = CheckedResponse & { index: number };

/** What is already stored that decides a batch: ids, the respondent's answered items, the surveys. */
interface Known {
  byId: Map<string, { respondent: string; digest: string }>;
  answered: Set<string>;
  surveys: Map<string, SurveyRow>;
}

const itemOf = (surveyId: string, site: string, itemKey: string) => JSON.stringify([surveyId, site, itemKey]);

async function decideAndStore(
  tx: Transaction,
  respondent: string,
  pending: Pending[],
  now: Date,
): Promise<Map<number, SurveyResponsePushResult>> {
  const known = await load(tx, respondent, pending);
  const results = new Map<number, SurveyResponsePushResult>();
  const accepted: Pending[] = [];
  const added = new Map<string, number>();

  for (const entry of pending) {
    const { index, response } = entry;
    const reject = (code: SurveyRejectCode, message: string) =>
      results.set(index, { index, id: response.id, outcome: 'rejected', code, message });
    const stored = known.byId.get(response.id);
    if (stored) {
      // Decided before the survey's state: a retry of a stored answer succeeds even after the survey closed.
      if (stored.respondent === respondent && stored.digest === entry.digest) {
        results.set(index, { index, id: response.id, outcome: 'duplicate' });
      } else {
        reject(
          'id_conflict',
          `response ${response.id} is already stored with other content; send new content under a new id`,
        );
      }
      continue;
    }
    const survey = known.surveys.get(response.surveyId);
    // A draft is nobody's business but its analysts': it answers like a survey that does not exist.
    if (!survey || survey.status === 'draft') {
      reject('unknown_survey', `no survey ${response.surveyId} takes answers`);
      continue;
    }
    const refusal = surveyRefusal(survey, entry, now);
    if (refusal) {
      reject(refusal.code, refusal.message);
      continue;
    }
    const item = itemOf(response.surveyId, entry.context.site, entry.context.itemKey);
    if (known.answered.has(item)) {
      reject('already_answered', `you already answered survey ${response.surveyId} for item ${entry.context.itemKey}`);
      continue;
    }
    const count = survey.responseCount + (added.get(survey.id) ?? 0);
    if (count >= survey.responseCap) {
      reject('cap_reached', `survey ${survey.id} has all the ${survey.responseCap} answers it asked for`);
      continue;
    }
    accepted.push(entry);
    added.set(survey.id, (added.get(survey.id) ?? 0) + 1);
    known.byId.set(response.id, { respondent, digest: entry.digest });
    known.answered.add(item);
    results.set(index, { index, id: response.id, outcome: 'created' });
  }

  if (accepted.length > 0) await store(tx, respondent, accepted, known.surveys);
  for (const [surveyId, count] of added) await countAnswers(tx, surveyId, count);
  return results;
}

/** Why `survey` does not take this answer now, or null when it does (drafts are handled as unknown). */
function surveyRefusal(
  survey: SurveyRow,
  entry: Pending,
  now: Date,
): { code: SurveyRejectCode; message: string } | null {
  const id = survey.id;
  if (survey.status === 'closed') return { code: 'survey_closed', message: `survey ${id} is closed` };
  if (now < survey.startsAt) {
    return { code: 'survey_not_started', message: `survey ${id} takes answers from ${survey.startsAt.toISOString()}` };
  }
  if (now >= survey.endsAt) {
    return { code: 'survey_expired', message: `survey ${id} took answers until ${survey.endsAt.toISOString()}` };
  }
  if (answerKey(answerShape(survey), entry.response.answer) === null) {
    return {
      code: 'invalid_answer',
      message: `${answerDescription(survey)}, not ${JSON.stringify(entry.response.answer)}`,
    };
  }
  if (entry.comment !== null && !survey.allowComment) {
    return { code: 'invalid_answer', message: `survey ${id} takes no comment` };
  }
  return null;
}

/** The parts of a stored survey that say which answers it takes. */
function answerShape(survey: SurveyRow) {
  return { kind: survey.kind as SurveyKind, scale: survey.scale, options: survey.options };
}

/** What a survey's answers look like, for a refusal's message. */
function answerDescription(survey: SurveyRow): string {
  switch (survey.kind) {
    case 'yes_no':
      return 'this survey takes true or false';
    case 'scale':
      return `this survey takes a whole number from ${survey.scale!.min} to ${survey.scale!.max}`;
    default:
      return `this survey takes one of the option ids ${(survey.options ?? []).map((o) => o.id).join(', ')}`;
  }
}

async function load(tx: Transaction, respondent: string, pending: Pending[]): Promise<Known> {
  const ids = pending.map((entry) => entry.response.id);
  const surveyIds = [...new Set(pending.map((entry) => entry.response.surveyId))];
  const itemKeys = [...new Set(pending.map((entry) => entry.context.itemKey))];
  const [stored, answered, surveyRows] = [
    await tx
      .select({ id: surveyResponses.id, respondent: surveyResponses.respondent, digest: surveyResponses.digest })
      .from(surveyResponses)
      .where(inArray(surveyResponses.id, ids)),
    await tx
      .select({ surveyId: surveyResponses.surveyId, site: surveyResponses.site, itemKey: surveyResponses.itemKey })
      .from(surveyResponses)
      .where(
        and(
          eq(surveyResponses.respondent, respondent),
          inArray(surveyResponses.surveyId, surveyIds),
          inArray(surveyResponses.itemKey, itemKeys),
        ),
      ),
    await tx.select().from(surveys).where(inArray(surveys.id, surveyIds)),
  ];
  return {
    byId: new Map(stored.map((row) => [row.id, row])),
    answered: new Set(answered.map((row) => itemOf(row.surveyId, row.site, row.itemKey))),
    surveys: new Map(surveyRows.map((row) => [row.id, row])),
  };
}

async function store(
  tx: Transaction,
  respondent: string,
  accepted: Pending[],
  surveyRows: Map<string, SurveyRow>,
): Promise<void> {
  const inserted = await tx
    .insert(surveyResponses)
    .values(
      accepted.map(({ response, comment, context, digest }) => {
        const survey = surveyRows.get(response.surveyId)!;
        return {
          id: response.id,
          surveyId: response.surveyId,
          respondent,
          answer: answerKey(answerShape(survey), response.answer)!,
          answerValue: survey.kind === 'scale' ? (response.answer as number) : null,
          comment,
          ...context,
          digest,
          answeredAt: new Date(response.answeredAt),
        };
      }),
    )
    .onConflictDoNothing()
    .returning({ id: surveyResponses.id });
  // Under the lock nothing else writes answers, so a conflict here means a write bypassed it.
  if (inserted.length !== accepted.length) throw new Error('survey answers were written outside the survey lock');
}

/**
 * Adds `count` answers to a survey (only ever accepted below the cap, so this never passes it).
 * Reaching the cap is a change clients must pull to stop showing the survey: it takes a new revision.
 */
async function countAnswers(tx: Transaction, surveyId: string, count: number): Promise<void> {
  const reaches = sql`${surveys.responseCount} + ${count} >= ${surveys.responseCap}`;
  await tx
    .update(surveys)
    .set({
      responseCount: sql`${surveys.responseCount} + ${count}`,
      revision: sql`case when ${reaches} then ${nextSurveyRevision} else ${surveys.revision} end`,
      updatedAt: sql`case when ${reaches} then now() else ${surveys.updatedAt} end`,
    })
    .where(eq(surveys.id, surveyId));
}
