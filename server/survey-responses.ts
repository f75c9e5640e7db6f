import { and, asc, eq, gt } from 'drizzle-orm';
import type { OwnSurveyResponse, SurveyResponseSyncResponse } from '../contract';
import type { Database } from './db/client';
import { surveyResponses, surveys, users } from './db/schema';

/** A stored answer as the client sent it: `true`/`false` for yes/no, the number on a scale, else the option id. */
function sentAnswer(kind: string, row: { answer: string; answerValue: number | null }): boolean | number | string {
  if (kind === 'yes_no') return row.answer === 'yes';
  if (kind === 'scale' && row.answerValue !== null) return row.answerValue;
  return row.answer;
}

/** The caller's own answers stored after arrival number `since`, oldest first. */
export async function ownResponsesSince(
  db: Database,
  respondent: string,
  since: number,
  limit: number,
): Promise<SurveyResponseSyncResponse> {
  // One extra row tells whether another page exists without a count query.
  const rows = await db
    .select({ response: surveyResponses, kind: surveys.kind })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(and(eq(surveyResponses.respondent, respondent), gt(surveyResponses.seq, since)))
    .orderBy(asc(surveyResponses.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    responses: page.map(({ response, kind }): OwnSurveyResponse => ({
      id: response.id,
      surveyId: response.surveyId,
      answer: sentAnswer(kind, response),
      comment: response.comment,
      context: {
        site: response.site,
        itemKey: response.itemKey,
        queue: response.queue,
        policy: response.policy,
        sectionId: response.sectionId,
        guidelineVersion: response.guidelineVersion,
        pageUrl: response.pageUrl,
        fields: response.fields,
      },
      answeredAt: response.answeredAt.toISOString(),
      receivedAt: response.receivedAt.toISOString(),
    })),
    nextCursor: String(page.at(-1)?.response.seq ?? since),
    hasMore: rows.length > limit,
  };
}

/** How many answers the responses export reads per query. */
const EXPORT_PAGE = 1000;

/** One answer of the responses export, with its respondent's name. */
export type ExportedResponse = typeof surveyResponses.$inferSelect & { respondentName: string | null };

/** A survey's answers in arrival order, read a page at a time so a large export is never held whole. */
export async function* surveyResponseRows(db: Database, surveyId: string): AsyncGenerator<ExportedResponse> {
  let after = 0;
  for (;;) {
    const page = await db
      .select({ response: surveyResponses, respondentName: users.name })
      .from(surveyResponses)
      .leftJoin(users, eq(users.id, surveyResponses.respondent))
      .where(and(eq(surveyResponses.surveyId, surveyId), gt(surveyResponses.seq, after)))
      .orderBy(asc(surveyResponses.seq))
      .limit(EXPORT_PAGE);
    for (const { response, respondentName } of page) yield { ...response, respondentName };
    if (page.length < EXPORT_PAGE) return;
    after = page.at(-1)!.response.seq;
  }
}
