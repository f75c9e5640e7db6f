import { createHash } from 'node:crypto';
import {
  storableString,
  SurveyResponseInput,
  zodDetails,
  zodSummary,
  type ItemField,
  type SurveyResponseParsed,
  type SurveyResponsePushResult,
} from '../contract';

/** An answer's context with every part present, null where the client left it out: how it is stored. */
export interface StoredContext {
  site: string;
  itemKey: string;
  queue: string | null;
  policy: string | null;
  sectionId: string | null;
  guidelineVersion: string | null;
  pageUrl: string | null;
  fields: Partial<Record<ItemField, string>> | null;
}

/** A pushed answer that passed the contract, ready to be checked against its survey. */
export interface CheckedResponse {
  response: SurveyResponseParsed;
  /** Blank comments count as none. */
  comment: string | null;
  context: StoredContext;
  /** SHA-256 of the canonical content: equal ids must come with equal digests. */
  digest: string;
}

/** A pushed answer's contract check: ready for its survey, or the rejection to answer. */
export type ResponseCheck = { ok: true; checked: CheckedResponse } | { ok: false; result: SurveyResponsePushResult };

/** Most field problems one rejection lists. */
const DETAILS_MAX = 20;

const ReadableId = storableString(64);

/** Checks one pushed answer against the contract on its own, so one bad answer never blocks the rest. */
export function checkResponse(raw: unknown, index: number): ResponseCheck {
  const rawId = (raw as { id?: unknown } | null)?.id;
  const id = ReadableId.safeParse(rawId).success ? (rawId as string) : null;
  const parsed = SurveyResponseInput.safeParse(raw);
  if (!parsed.success) {
    const details = zodDetails(parsed.error).slice(0, DETAILS_MAX);
    const message = `invalid survey response: ${zodSummary(parsed.error, 3)}`;
    return { ok: false, result: { index, id, outcome: 'rejected', code: 'invalid', message, details } };
  }
  const response = parsed.data;
  const comment = response.comment?.trim() ? response.comment : null;
  const context = storedContext(response.context);
  return { ok: true, checked: { response, comment, context, digest: digestOf(response, comment, context) } };
}

function storedContext(context: SurveyResponseParsed['context']): StoredContext {
  const fields = context.fields
    ? (Object.fromEntries(
        Object.entries(context.fields).sort(([a], [b]) => (a < b ? -1 : 1)),
      ) as StoredContext['fields'])
    : null;
  return {
    site: context.site,
    itemKey: context.itemKey,
    queue: context.queue ?? null,
    policy: context.policy ?? null,
    sectionId: context.sectionId ?? null,
    guidelineVersion: context.guidelineVersion ?? null,
    pageUrl: context.pageUrl ?? null,
    fields,
  };
}

function digestOf(response: SurveyResponseParsed, comment: string | null, context: StoredContext): string {
  const canonical = {
    surveyId: response.surveyId,
    answer: response.answer,
    comment,
    context,
    answeredAt: new Date(response.answeredAt).toISOString(),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
