import { OwnSurveyResponse, SURVEY_SYNC_PAGE_MAX, SyncedSurvey, zodSummary } from '../../contract';
import type { ApiClient } from '../api/client';
import type { AppDB, StoredSurveyResponse } from '../db/app-db';

/*
 * Surveys are server-owned: pulled by the server's revision (a close or the cap being reached gives
 * a survey a new one, so a pull learns to stop showing it). The user's own answers come back the
 * same way, so a second browser or a reinstall does not ask about an item twice, and an answer
 * whose push response was lost is settled by the pull.
 */

const SURVEYS_CURSOR = 'surveysCursor';
const answersCursor = (ownerId: string) => `surveyResponsesCursor:${ownerId}`;

async function readCursor(db: AppDB, key: string): Promise<string | null> {
  return ((await db.meta.get(key))?.value as string | undefined) ?? null;
}

export interface SurveyPullOptions {
  pageSize?: number;
}

/**
 * Pulls surveys changed since the saved cursor, page by page; each page's surveys and the cursor
 * after it are written in one transaction (a stopped service worker resumes after the last page
 * stored). A malformed survey is skipped with a warning. Returns how many were stored.
 */
export async function pullSurveys(
  db: AppDB,
  api: ApiClient,
  { pageSize = SURVEY_SYNC_PAGE_MAX }: SurveyPullOptions = {},
): Promise<number> {
  let stored = 0;
  let cursor = await readCursor(db, SURVEYS_CURSOR);
  for (;;) {
    const page = await api.syncSurveys(cursor, pageSize);
    await db.transaction('rw', db.surveys, db.meta, async () => {
      for (const raw of page.surveys) {
        const parsed = SyncedSurvey.safeParse(raw);
        if (!parsed.success) {
          console.warn(`[QA Lens] skipped a malformed survey: ${zodSummary(parsed.error, 3)}`);
          continue;
        }
        await db.surveys.put(parsed.data);
        stored += 1;
      }
      await db.meta.put({ key: SURVEYS_CURSOR, value: page.nextCursor });
    });
    if (!page.hasMore || page.nextCursor === cursor) break;
    cursor = page.nextCursor;
  }
  return stored;
}

/**
 * Pulls the owner's own answers stored since the saved cursor, page by page, in the same way. An
 * answer this device holds is marked sent and leaves the outbox (the pull is the answer to a push
 * whose response was lost); one it does not hold is kept as sent, so its item is not asked about again.
 */
export async function pullOwnAnswers(
  db: AppDB,
  api: ApiClient,
  ownerId: string,
  { pageSize = SURVEY_SYNC_PAGE_MAX }: SurveyPullOptions = {},
): Promise<number> {
  let stored = 0;
  let cursor = await readCursor(db, answersCursor(ownerId));
  for (;;) {
    const page = await api.ownSurveyResponses(cursor, pageSize);
    await db.transaction('rw', db.surveyResponses, db.outbox, db.meta, async () => {
      for (const raw of page.responses) {
        const parsed = OwnSurveyResponse.safeParse(raw);
        if (!parsed.success) {
          console.warn(`[QA Lens] skipped a malformed survey answer: ${zodSummary(parsed.error, 3)}`);
          continue;
        }
        await db.surveyResponses.put(merge(await db.surveyResponses.get(parsed.data.id), parsed.data, ownerId));
        await db.outbox.delete(['surveyResponses', parsed.data.id]);
        stored += 1;
      }
      await db.meta.put({ key: answersCursor(ownerId), value: page.nextCursor });
    });
    if (!page.hasMore || page.nextCursor === cursor) break;
    cursor = page.nextCursor;
  }
  return stored;
}

/** What the API holds of one of the owner's answers, over what this device had (the server holds it: sent). */
function merge(existing: StoredSurveyResponse | undefined, pulled: OwnSurveyResponse, ownerId: string) {
  const { context } = pulled;
  const fresh: StoredSurveyResponse = {
    id: pulled.id,
    ownerId,
    surveyId: pulled.surveyId,
    site: context.site,
    itemKey: context.itemKey,
    answer: pulled.answer,
    comment: pulled.comment,
    context,
    answeredAt: pulled.answeredAt,
    localState: 'sent',
    rejection: null,
  };
  return existing ? { ...existing, localState: 'sent' as const, rejection: null } : fresh;
}
