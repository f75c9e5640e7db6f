import { eq, sql } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import {
  SurveyInput,
  zodDetails,
  type ErrorDetail,
  type Survey,
  type SurveyPatch,
  type SurveyStatus,
} from '../contract';
import type { Database } from './db/client';
import { surveys } from './db/schema';
import { lockSurveys } from './survey-lock';
import { nextSurveyRevision, surveyColumns, surveyFieldsOf, toSurveys, type SurveyRow } from './survey-store';

/** Why a patch changed nothing; each is a 4xx the route names. */
export type SurveyPatchRefusal =
  | { reason: 'not_found' }
  | { reason: 'stale_revision'; revision: number }
  | { reason: 'survey_closed' }
  | { reason: 'invalid_transition'; from: SurveyStatus; to: SurveyStatus }
  | { reason: 'survey_has_responses'; responseCount: number; fields: string[] }
  | { reason: 'invalid'; details: ErrorDetail[] };

/** A patch's outcome: the survey as it now is (and whether anything changed), or why not. */
export type SurveyPatchResult = { ok: true; survey: Survey; changed: boolean } | ({ ok: false } & SurveyPatchRefusal);

/** The fields that make up the question respondents answered: fixed once anyone has answered. */
const QUESTION_FIELDS = ['question', 'kind', 'scale', 'options'] as const;

/** Status changes a patch may make; a closed survey is final. */
const ALLOWED: Record<SurveyStatus, readonly SurveyStatus[]> = {
  draft: ['draft', 'active', 'closed'],
  active: ['active', 'closed'],
  closed: ['closed'],
};

/**
 * Applies `patch` to survey `id` under the survey lock: each field it names replaces the stored one,
 * the result is checked as a whole survey, and a change gives the survey a new revision (a patch that
 * changes nothing, such as a retry, writes nothing).
 */
export async function patchSurvey(db: Database, id: string, patch: SurveyPatch): Promise<SurveyPatchResult> {
  return db.transaction(async (tx): Promise<SurveyPatchResult> => {
    await lockSurveys(tx);
    const [row] = await tx.select().from(surveys).where(eq(surveys.id, id));
    if (!row) return { ok: false, reason: 'not_found' };
    if (patch.expectedRevision !== undefined && patch.expectedRevision !== row.revision) {
      return { ok: false, reason: 'stale_revision', revision: row.revision };
    }
    const planned = plan(row, patch);
    if (!planned.ok) return planned;
    const { merged, status } = planned;
    const before = surveyColumns(surveyFieldsOf(row));
    const after = surveyColumns(merged);
    if (isDeepStrictEqual(before, after) && status === row.status) {
      return { ok: true, survey: (await toSurveys(tx, [row]))[0]!, changed: false };
    }
    const [updated] = await tx
      .update(surveys)
      .set({
        ...after,
        status,
        revision: nextSurveyRevision,
        updatedAt: sql`now()`,
        ...(status === 'active' && !row.activatedAt ? { activatedAt: sql`now()` } : {}),
      })
      .where(eq(surveys.id, id))
      .returning();
    return { ok: true, survey: (await toSurveys(tx, [updated!]))[0]!, changed: true };
  });
}

/** The survey a patch would leave, or why it may not. */
function plan(
  row: SurveyRow,
  patch: SurveyPatch,
):
  | { ok: true; merged: ReturnType<typeof SurveyInput.parse>; status: SurveyStatus }
  | ({ ok: false } & SurveyPatchRefusal) {
  const { status: wanted, expectedRevision: _revision, ...fields } = patch;
  const from = row.status as SurveyStatus;
  const status = wanted ?? from;
  const edits = Object.values(fields).some((value) => value !== undefined);
  if (from === 'closed' && (edits || status !== 'closed')) return { ok: false, reason: 'survey_closed' };
  if (!ALLOWED[from].includes(status)) return { ok: false, reason: 'invalid_transition', from, to: status };

  const current = surveyFieldsOf(row);
  const candidate = { ...current, ...definedOnly(fields) };
  // Switching kind drops the other kind's part unless the patch sends it (and then it is refused).
  if (candidate.kind !== 'scale' && fields.scale === undefined) candidate.scale = null;
  if (candidate.kind !== 'choice' && fields.options === undefined) candidate.options = null;
  const parsed = SurveyInput.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: 'invalid', details: zodDetails(parsed.error) };

  if (row.responseCount > 0) {
    const before = surveyColumns(current);
    const after = surveyColumns(parsed.data);
    const changed = QUESTION_FIELDS.filter((name) => !isDeepStrictEqual(before[name], after[name]));
    if (changed.length > 0) {
      return { ok: false, reason: 'survey_has_responses', responseCount: row.responseCount, fields: changed };
    }
  }
  return { ok: true, merged: parsed.data, status };
}

/** `object` without its undefined entries, so a spread keeps the stored value for them. */
function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
