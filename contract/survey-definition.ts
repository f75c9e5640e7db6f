import { z } from 'zod';
import { ItemField } from './adapter';
import { SiteId, storableString, Timestamp } from './common';
import { ClientId } from './gap-report';
import { SectionId } from './guideline';

/*
 * In-context micro-surveys (issue 10): an analyst asks one short question on the items it targets
 * (site, queue, policy, guideline section, adapter field values), within a time window, to a sample
 * of moderators and evaluators, up to a response cap. The extension pulls active surveys by server
 * revision, decides on the page whether an item matches (`surveyMatches`) and whether this user is
 * in the sample (`inSample`), and pushes answers through its outbox like gap reports: a client-made
 * UUIDv7 per answer, stored exactly once.
 */

/** Longest question. */
export const SURVEY_QUESTION_MAX = 500;
/** Longest comment a respondent may add. */
export const SURVEY_COMMENT_MAX = 1000;
/** Longest option or scale-end label. */
export const SURVEY_LABEL_MAX = 200;
/** A choice survey offers this many options at least, and at most `SURVEY_OPTIONS_MAX`. */
export const SURVEY_OPTIONS_MIN = 2;
export const SURVEY_OPTIONS_MAX = 10;
/** A scale has this many points at least (max − min + 1), and at most `SURVEY_SCALE_POINTS_MAX`. */
export const SURVEY_SCALE_POINTS_MIN = 2;
export const SURVEY_SCALE_POINTS_MAX = 11;
/** Scale ends lie within ±this. */
export const SURVEY_SCALE_BOUND = 100;
/** Most entries in one targeting list (sites, queues, policies, sections, one field's values). */
export const SURVEY_TARGET_LIST_MAX = 50;
/** Highest response cap. */
export const SURVEY_RESPONSE_CAP_MAX = 100_000;
/** Most answers one push carries. */
export const SURVEY_PUSH_MAX = 50;
/**
 * Largest push body the API reads, in bytes (the API's default limit): a client packs answers into
 * batches below it; one answer alone always fits (it is at most ~120 KB even fully escaped).
 */
export const SURVEY_PUSH_BODY_MAX = 1024 * 1024;
/** Most surveys one sync page holds. */
export const SURVEY_SYNC_PAGE_MAX = 200;
/** Most surveys one page of the analysts' list holds. */
export const SURVEY_LIST_PAGE_MAX = 200;

/** How a survey is answered: a number on a scale, one of some options, or yes/no. */
export const SurveyKind = z.enum(['scale', 'choice', 'yes_no']);
export type SurveyKind = z.infer<typeof SurveyKind>;

/** `draft` is invisible to respondents; `active` is shown within its window; `closed` is final. */
export const SurveyStatus = z.enum(['draft', 'active', 'closed']);
export type SurveyStatus = z.infer<typeof SurveyStatus>;

/** A survey's id: a UUIDv7 the server makes, in lowercase. */
export const SurveyId = ClientId;
export type SurveyId = z.infer<typeof SurveyId>;

/** Free text a person wrote: not blank, length-limited, storable. */
function personText(max: number, what: string) {
  return storableString(max).refine((value) => value.trim().length > 0, `${what} is empty`);
}

const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

/** A choice option's id, stable across label edits: what answers and results name. */
export const SurveyOptionId = storableString(64)
  .min(1)
  .regex(SLUG, 'lowercase letters, digits, "_" or "-", starting with a letter or digit');

export const SurveyOption = z.object({
  id: SurveyOptionId,
  label: personText(SURVEY_LABEL_MAX, 'the label'),
});
export type SurveyOption = z.infer<typeof SurveyOption>;

const ScaleEnd = z.number().int().min(-SURVEY_SCALE_BOUND).max(SURVEY_SCALE_BOUND);

/** A scale from `min` to `max` (whole numbers), e.g. 1–5, with optional words for its ends. */
export const SurveyScale = z
  .object({
    min: ScaleEnd,
    max: ScaleEnd,
    minLabel: storableString(SURVEY_LABEL_MAX).nullish(),
    maxLabel: storableString(SURVEY_LABEL_MAX).nullish(),
  })
  .superRefine((scale, ctx) => {
    const points = scale.max - scale.min + 1;
    if (points < SURVEY_SCALE_POINTS_MIN || points > SURVEY_SCALE_POINTS_MAX) {
      const message = `a scale has ${SURVEY_SCALE_POINTS_MIN} to ${SURVEY_SCALE_POINTS_MAX} points (max − min + 1), not ${points}`;
      ctx.addIssue({ code: 'custom', path: ['max'], message });
    }
  });
export type SurveyScale = z.output<typeof SurveyScale>;

/** A queue or policy name, as quality events and adapters name them (`posts`, `hate_speech`). */
export const SurveyTargetName = storableString(128).min(1);

/** Items whose adapter field `field` reads one of `values` (exactly, as the adapter read it). */
export const SurveyFieldTarget = z.object({
  field: ItemField,
  values: z.array(storableString(2000).min(1)).min(1).max(SURVEY_TARGET_LIST_MAX),
});
export type SurveyFieldTarget = z.infer<typeof SurveyFieldTarget>;

const targetList = <T extends z.ZodType>(item: T) => z.array(item).max(SURVEY_TARGET_LIST_MAX).default([]);

/**
 * Which items a survey is shown on. Every list that is not empty must match (an empty list means
 * any); within a list, any entry matches. `fields` entries must all match.
 */
export const SurveyTarget = z
  .object({
    sites: targetList(SiteId),
    queues: targetList(SurveyTargetName),
    policies: targetList(SurveyTargetName),
    /** Guideline section ids, as the extension matched them to the item. */
    sections: targetList(SectionId),
    fields: z.array(SurveyFieldTarget).max(ItemField.options.length).default([]),
  })
  .superRefine((target, ctx) => {
    const seen = new Set<string>();
    target.fields.forEach((entry, index) => {
      if (seen.has(entry.field)) {
        ctx.addIssue({ code: 'custom', path: ['fields', index, 'field'], message: `field "${entry.field}" twice` });
      }
      seen.add(entry.field);
    });
  });
export type SurveyTarget = z.output<typeof SurveyTarget>;
export type SurveyTargetInput = z.input<typeof SurveyTarget>;

/** When answers are taken, by the server's clock: from `startsAt` (inclusive) to `endsAt` (exclusive). */
export const SurveyWindow = z
  .object({ startsAt: Timestamp, endsAt: Timestamp })
  .refine((window) => Date.parse(window.endsAt) > Date.parse(window.startsAt), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  });
export type SurveyWindow = z.infer<typeof SurveyWindow>;

/** The share of matching (user, item) pairs that see the survey: 0 < rate ≤ 1. */
export const SamplingRate = z.number().gt(0).max(1);

/** Each field of a survey an analyst writes, without defaults (a patch names only what changes). */
const FIELD_SHAPE = {
  question: personText(SURVEY_QUESTION_MAX, 'the question'),
  kind: SurveyKind,
  /** Required for `scale`, absent or null otherwise. */
  scale: SurveyScale.nullish(),
  /** Required for `choice` (2–10 options with distinct ids), absent or null otherwise. */
  options: z.array(SurveyOption).min(SURVEY_OPTIONS_MIN).max(SURVEY_OPTIONS_MAX).nullish(),
  /** Whether respondents may add a comment (up to SURVEY_COMMENT_MAX characters). */
  allowComment: z.boolean(),
  target: SurveyTarget,
  window: SurveyWindow,
  samplingRate: SamplingRate,
  /** Answers accepted in all; the one arriving exactly at the cap is accepted, later ones are not. */
  responseCap: z.number().int().min(1).max(SURVEY_RESPONSE_CAP_MAX),
};

/** The fields of a survey with their defaults, before the rules that tie them together. */
const SurveyFields = z.object({
  ...FIELD_SHAPE,
  allowComment: FIELD_SHAPE.allowComment.default(false),
  target: FIELD_SHAPE.target.default({ sites: [], queues: [], policies: [], sections: [], fields: [] }),
  samplingRate: FIELD_SHAPE.samplingRate.default(1),
});

type SurveyFieldsOut = z.output<typeof SurveyFields>;

/** The rules between fields: scale only for `scale`, options only for `choice`, option ids distinct. */
function checkKind(survey: Pick<SurveyFieldsOut, 'kind' | 'scale' | 'options'>, ctx: z.RefinementCtx): void {
  if (survey.kind === 'scale' && !survey.scale) {
    ctx.addIssue({ code: 'custom', path: ['scale'], message: 'a scale survey needs scale {min, max}' });
  }
  if (survey.kind !== 'scale' && survey.scale) {
    ctx.addIssue({ code: 'custom', path: ['scale'], message: `scale is only for kind "scale", not "${survey.kind}"` });
  }
  if (survey.kind === 'choice' && !survey.options) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice survey needs 2 to 10 options' });
  }
  if (survey.kind !== 'choice' && survey.options) {
    ctx.addIssue({
      code: 'custom',
      path: ['options'],
      message: `options are only for kind "choice", not "${survey.kind}"`,
    });
  }
  const seen = new Set<string>();
  survey.options?.forEach((option, index) => {
    if (seen.has(option.id)) {
      ctx.addIssue({ code: 'custom', path: ['options', index, 'id'], message: `duplicate option id "${option.id}"` });
    }
    seen.add(option.id);
  });
}

/** A survey as an analyst writes it. */
export const SurveyInput = SurveyFields.superRefine(checkKind);
export type SurveyInput = z.input<typeof SurveyInput>;
export type SurveyParsed = z.output<typeof SurveyInput>;

/** `POST /v1/surveys` (analysts, admins): a survey, made a draft unless `status` says `active`. */
export const SurveyCreateRequest = SurveyFields.extend({
  status: z.enum(['draft', 'active']).default('draft'),
}).superRefine(checkKind);
export type SurveyCreateRequest = z.input<typeof SurveyCreateRequest>;

/**
 * `PATCH /v1/surveys/{id}` (analysts, admins): the fields to change (each replaces the stored value
 * whole; `target` and `window` too), a status change, or both. A draft may change freely and become
 * `active` or `closed`; an active survey may change its targeting, window, sampling, cap and comment
 * setting, and be closed, but its question, kind, scale and options only while it has no responses
 * (409 `survey_has_responses`); a closed survey is final (409 `survey_closed`). With
 * `expectedRevision`, a survey changed meanwhile answers 409 `stale_revision` instead.
 */
export const SurveyPatch = z
  .object(FIELD_SHAPE)
  .partial()
  .extend({
    status: SurveyStatus.optional(),
    expectedRevision: z.number().int().positive().optional(),
  })
  .refine(
    (patch) => Object.entries(patch).some(([key, value]) => key !== 'expectedRevision' && value !== undefined),
    'change at least one field or the status',
  );
export type SurveyPatch = z.input<typeof SurveyPatch>;

/** Who made a survey. */
export const SurveyPerson = z.object({ id: storableString(64), name: storableString(128) });
export type SurveyPerson = z.infer<typeof SurveyPerson>;

/** A stored survey, as analysts see it. Absent parts are null; lists are always present. */
export const Survey = SurveyFields.extend({
  id: SurveyId,
  scale: SurveyScale.nullable(),
  options: z.array(SurveyOption).nullable(),
  status: SurveyStatus,
  createdBy: SurveyPerson,
  /** Server time. */
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** From one server sequence, taken on every change (edit, status, the cap being reached). */
  revision: z.number().int().positive(),
  responseCount: z.number().int().nonnegative(),
  /** responseCount has reached responseCap: clients stop showing it. */
  capReached: z.boolean(),
});
export type Survey = z.output<typeof Survey>;

/**
 * A survey as every signed-in client pulls it: what showing it and checking an answer need, without
 * who made it or how many answered.
 */
export const SyncedSurvey = Survey.omit({ createdBy: true, createdAt: true, responseCount: true });
export type SyncedSurvey = z.output<typeof SyncedSurvey>;

/** `{ survey }`: the answer of a create, a read and a patch. */
export const SurveyRecordResponse = z.object({ survey: Survey });
export type SurveyRecordResponse = z.output<typeof SurveyRecordResponse>;

/** Query of `GET /v1/surveys`: newest first, `before` the last id of the previous page. */
export const SurveyListQuery = z.object({
  status: SurveyStatus.optional(),
  before: SurveyId.optional(),
  limit: z.coerce.number().int().min(1).max(SURVEY_LIST_PAGE_MAX).default(50),
});
export type SurveyListQuery = z.input<typeof SurveyListQuery>;

export const SurveyListResponse = z.object({
  surveys: z.array(Survey),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: SurveyId.nullable(),
});
export type SurveyListResponse = z.output<typeof SurveyListResponse>;

/** A sync cursor: opaque to clients, send back what `nextCursor` said. */
export const SurveyCursor = storableString(32).regex(/^[0-9]{1,18}$/, 'not a cursor this API gave out');

/** Query of `GET /v1/sync/surveys`; no `since` starts from the beginning. */
export const SurveySyncQuery = z.object({
  since: SurveyCursor.optional(),
  limit: z.coerce.number().int().min(1).max(SURVEY_SYNC_PAGE_MAX).default(100),
});
export type SurveySyncQuery = z.input<typeof SurveySyncQuery>;

/**
 * Surveys changed after the cursor that are or were active (never drafts), oldest change first: a
 * close or the cap being reached gives a survey a new revision, so clients learn to stop showing it.
 */
export const SurveySyncResponse = z.object({
  surveys: z.array(SyncedSurvey),
  nextCursor: SurveyCursor,
  hasMore: z.boolean(),
});
export type SurveySyncResponse = z.output<typeof SurveySyncResponse>;
