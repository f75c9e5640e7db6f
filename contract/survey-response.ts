import { z } from 'zod';
import { ItemField } from './adapter';
import { ErrorDetail, ItemKey, MESSAGE_MAX, SiteId, storableString, Timestamp } from './common';
import { ClientId, GapPageUrl, SyncPushOutcome } from './gap-report';
import { GuidelineVersionName, SectionId } from './guideline';
import {
  SURVEY_COMMENT_MAX,
  SURVEY_LABEL_MAX,
  SURVEY_PUSH_MAX,
  SURVEY_SYNC_PAGE_MAX,
  SurveyCursor,
  SurveyId,
  SurveyKind,
  SurveyTargetName,
} from './survey-definition';

/*
 * Answers to micro-surveys (issue 10), as the extension pushes them from its outbox and pulls its own
 * back, and the results analysts read. The surveys themselves are in ./survey.
 */

/** The item an answer is about, as the extension read it; site and item key are required. */
export const SurveyResponseContext = z.object({
  site: SiteId,
  itemKey: ItemKey,
  queue: SurveyTargetName.nullish(),
  policy: SurveyTargetName.nullish(),
  /** The guideline section the survey was shown beside, if any. */
  sectionId: SectionId.nullish(),
  guidelineVersion: GuidelineVersionName.nullish(),
  pageUrl: GapPageUrl.nullish(),
  /** The item's fields as the site adapter read them. */
  fields: z.partialRecord(ItemField, storableString(2000)).nullish(),
});
export type SurveyResponseContext = z.input<typeof SurveyResponseContext>;

/**
 * An answer: a whole number within the scale for `scale`, an option id for `choice`, true/false for
 * `yes_no`. Checked against the survey by the server (`invalid_answer` otherwise).
 */
export const SurveyAnswer = z.union([z.number(), storableString(64), z.boolean()]);
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/** One answer as the client pushes it. Equal ids must mean equal content. */
export const SurveyResponseInput = z.object({
  id: ClientId,
  surveyId: SurveyId,
  answer: SurveyAnswer,
  /** Blank counts as none. Only where the survey allows comments. */
  comment: storableString(SURVEY_COMMENT_MAX).nullish(),
  context: SurveyResponseContext,
  /** The client's clock when answered: shown, never used to decide anything. */
  answeredAt: Timestamp,
});
export type SurveyResponseInput = z.input<typeof SurveyResponseInput>;
export type SurveyResponseParsed = z.output<typeof SurveyResponseInput>;

/** `POST /v1/sync/survey-responses` as a client builds it; the caller is the respondent. */
export const SurveyResponsePushRequest = z.object({
  responses: z.array(SurveyResponseInput).min(1).max(SURVEY_PUSH_MAX),
});
export type SurveyResponsePushRequest = z.input<typeof SurveyResponsePushRequest>;

/** What the API checks of a push as a whole; each answer is then checked on its own. */
export const SurveyResponsePushEnvelope = z.object({
  responses: z.array(z.unknown()).min(1).max(SURVEY_PUSH_MAX),
});

/**
 * Why an answer was not stored; retrying will not change it. `invalid`: breaks the contract
 * (`details` name the fields). `id_conflict`: this id is stored with other content or by someone
 * else. `already_answered`: this user answered this survey for this item under another id.
 * `unknown_survey`: no such survey (or a draft). `survey_closed`, `survey_not_started`,
 * `survey_expired`: outside the survey's life, by the server's clock. `invalid_answer`: not an answer
 * this survey takes (wrong type, off the scale, unknown option, a comment where none is allowed).
 * `cap_reached`: the survey has all the answers it asked for.
 */
export const SurveyRejectCode = z.enum([
  'invalid',
  'id_conflict',
  'already_answered',
  'unknown_survey',
  'survey_closed',
  'survey_not_started',
  'survey_expired',
  'invalid_answer',
  'cap_reached',
]);
export type SurveyRejectCode = z.infer<typeof SurveyRejectCode>;

/** The answer for one pushed response, in request order. `duplicate` is a retry: success for the client. */
export const SurveyResponsePushResult = z.object({
  index: z.number().int().nonnegative(),
  /** The id as sent; null when the response had no readable id. */
  id: storableString(64).nullable(),
  outcome: SyncPushOutcome,
  code: SurveyRejectCode.optional(),
  message: storableString(MESSAGE_MAX).optional(),
  details: z.array(ErrorDetail).optional(),
});
export type SurveyResponsePushResult = z.infer<typeof SurveyResponsePushResult>;

export const SurveyResponsePushResponse = z.object({ results: z.array(SurveyResponsePushResult) });
export type SurveyResponsePushResponse = z.infer<typeof SurveyResponsePushResponse>;

/** Query of `GET /v1/sync/survey-responses`: the caller's own answers stored after the cursor. */
export const SurveyResponseSyncQuery = z.object({
  since: SurveyCursor.optional(),
  limit: z.coerce.number().int().min(1).max(SURVEY_SYNC_PAGE_MAX).default(100),
});
export type SurveyResponseSyncQuery = z.input<typeof SurveyResponseSyncQuery>;

/** One of the caller's own stored answers, as they sent it (context parts they left out are null). */
export const OwnSurveyResponse = z.object({
  id: ClientId,
  surveyId: SurveyId,
  answer: SurveyAnswer,
  comment: storableString(SURVEY_COMMENT_MAX).nullable(),
  context: SurveyResponseContext,
  answeredAt: Timestamp,
  /** Server time it was stored. */
  receivedAt: Timestamp,
});
export type OwnSurveyResponse = z.output<typeof OwnSurveyResponse>;

/**
 * The caller's own answers in the order they were stored: a reinstalled or second browser learns
 * which items it already answered. Nobody pulls anyone else's answers.
 */
export const SurveyResponseSyncResponse = z.object({
  responses: z.array(OwnSurveyResponse),
  nextCursor: SurveyCursor,
  hasMore: z.boolean(),
});
export type SurveyResponseSyncResponse = z.output<typeof SurveyResponseSyncResponse>;

/** What results can be broken down by: a part of each answer's context. */
export const SurveyGroupBy = z.enum(['site', 'queue', 'policy', 'section']);
export type SurveyGroupBy = z.infer<typeof SurveyGroupBy>;

/** Query of `GET /v1/surveys/{id}/results` and `results.csv`. */
export const SurveyResultsQuery = z.object({ groupBy: SurveyGroupBy.optional() });
export type SurveyResultsQuery = z.input<typeof SurveyResultsQuery>;

/** One answer a survey takes, as results name it: `"3"` on a scale, `"yes"`/`"no"`, or an option id. */
export const SurveyAnswerOption = z.object({ key: storableString(64), label: storableString(SURVEY_LABEL_MAX + 8) });
export type SurveyAnswerOption = z.infer<typeof SurveyAnswerOption>;

/** Answers counted per option (every option, in the survey's order, zeros included). */
export const SurveyTally = z.object({
  total: z.number().int().nonnegative(),
  counts: z.array(z.object({ key: storableString(64), count: z.number().int().nonnegative() })),
  /** Mean answer of a scale survey; null for other kinds and when nobody answered. */
  mean: z.number().nullable(),
  /** Answers that came with a comment. */
  comments: z.number().int().nonnegative(),
});
export type SurveyTally = z.infer<typeof SurveyTally>;

/** `GET /v1/surveys/{id}/results`: exact counts, overall and per value of `groupBy`. */
export const SurveyResults = z.object({
  surveyId: SurveyId,
  kind: SurveyKind,
  options: z.array(SurveyAnswerOption),
  overall: SurveyTally,
  groupBy: SurveyGroupBy.nullable(),
  /** One per value of the context part, most answers first; `value` null gathers answers without it. */
  groups: z.array(SurveyTally.extend({ value: storableString(2000).nullable() })),
});
export type SurveyResults = z.infer<typeof SurveyResults>;
