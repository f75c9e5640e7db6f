import { z } from 'zod';
import { ItemField } from './adapter';
import { UserId } from './auth';
import { ErrorDetail, ItemKey, MESSAGE_MAX, SiteId, storableString, Timestamp, unstorableReason } from './common';
import { GuidelineId, GuidelineVersionName, SectionId } from './guideline';
import { GAP_SELECTION_MAX } from './limits';

export { GAP_SELECTION_MAX };

/*
 * SOP gap reports: what a moderator or evaluator finds unclear, missing or contradictory in the
 * guidelines, written on the page and pushed through the extension's outbox. Ids are made by the
 * client (UUIDv7), so a retried push is recognised and stored once; the server assigns the revision
 * clients pull by, never trusting a client clock.
 */

export const GapReportType = z.enum(['unclear', 'missing', 'conflicting', 'outdated', 'other']);
export type GapReportType = z.infer<typeof GapReportType>;

export const GapSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export type GapSeverity = z.infer<typeof GapSeverity>;

/** The triage workflow (issue 10): new → triaged → in progress → resolved or won't fix. */
export const GapReportStatus = z.enum(['new', 'triaged', 'in_progress', 'resolved', 'wont_fix']);
export type GapReportStatus = z.infer<typeof GapReportStatus>;

/**
 * A client-made UUIDv7 in its canonical lowercase form: PostgreSQL answers uuids in lowercase, and
 * the client matches push results to outbox entries by this string.
 */
export const ClientId = storableString(36).regex(
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  'a UUIDv7 made by the client, in lowercase',
);
export type ClientId = z.infer<typeof ClientId>;

/** Longest note of a report, and longest comment. */
export const GAP_NOTE_MAX = 4000;
/** Largest screenshot, decoded: a redacted visible-tab capture as JPEG fits well within it. */
export const SCREENSHOT_MAX_BYTES = 1024 * 1024;
/** Longest side of a screenshot in pixels (a 4K screen at device pixel ratio 2 is 7680). */
export const SCREENSHOT_MAX_SIDE = 8192;
/** Most reports one push carries: a short request, so a stopped service worker loses little. */
export const SYNC_PUSH_MAX = 50;
/**
 * Largest push body the API reads, in bytes: a client packs reports (a screenshot is up to ~1.4 MB as
 * base64) into batches below it; one report alone always fits.
 */
export const SYNC_PUSH_BODY_MAX = 8 * 1024 * 1024;
/** Most reports one pull page holds. */
export const GAP_SYNC_PAGE_MAX = 200;

/** Free text a person wrote: not blank, length-limited, storable. */
function personText(max: number, what: string) {
  return storableString(max).refine((value) => value.trim().length > 0, `${what} is empty`);
}

/** A page address: http(s) only, length-limited, storable. */
export const GapPageUrl = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL' })
  .max(2000)
  .refine((value) => unstorableReason(value) === null, 'contains a NUL character or a lone surrogate');

/** The guideline section on screen when the report was written, as the reporter saw it. */
export const GapGuidelineRef = z.object({
  guidelineId: GuidelineId,
  version: GuidelineVersionName.nullish(),
  sectionId: SectionId.nullish(),
  heading: storableString(300).nullish(),
});
export type GapGuidelineRef = z.infer<typeof GapGuidelineRef>;

/**
 * What the extension filled in for the reporter. Every part is optional: the reporter sees it
 * before sending and may remove any of it.
 */
export const GapReportContext = z.object({
  pageUrl: GapPageUrl.nullish(),
  pageTitle: storableString(500).nullish(),
  site: SiteId.nullish(),
  itemKey: ItemKey.nullish(),
  /** The item's fields as the site adapter read them. */
  fields: z.partialRecord(ItemField, storableString(2000)).nullish(),
  selection: storableString(GAP_SELECTION_MAX).nullish(),
  guideline: GapGuidelineRef.nullish(),
  /** The decision the reporter would make, where the adapter reads it. */
  proposedDecision: storableString(256).nullish(),
});
export type GapReportContext = z.infer<typeof GapReportContext>;

export const ScreenshotMime = z.enum(['image/png', 'image/jpeg']);
export type ScreenshotMime = z.infer<typeof ScreenshotMime>;

/** The bytes each image type starts with. */
const MAGIC: Record<ScreenshotMime, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

const Base64 = z.base64();

/** Why `base64`'s first bytes are not a `mime` image, or null when they are (or it is not base64 at all). */
export function screenshotMagicProblem(mime: ScreenshotMime, base64: string): string | null {
  // Not base64 is its own issue, reported by the field's check; atob would throw on it.
  if (!Base64.safeParse(base64).success) return null;
  const head = atob(base64.slice(0, 12));
  const magic = MAGIC[mime];
  const matches = magic.every((byte, i) => head.charCodeAt(i) === byte);
  return matches ? null : `the data is not a ${mime === 'image/png' ? 'PNG' : 'JPEG'} image (its first bytes differ)`;
}

/** Longest base64 text a screenshot may be. */
const SCREENSHOT_MAX_BASE64 = Math.ceil(SCREENSHOT_MAX_BYTES / 3) * 4;
const Side = z.number().int().min(1).max(SCREENSHOT_MAX_SIDE);

/**
 * An opt-in screenshot of the visible tab, redacted by the reporter before it was saved (the
 * redaction is burned into these pixels). The API also checks the image's own dimensions.
 */
export const GapScreenshot = z
  .object({
    mime: ScreenshotMime,
    /** Standard base64 with padding, no data: prefix. */
    data: z
      .string()
      .max(SCREENSHOT_MAX_BASE64, `a screenshot may be at most ${SCREENSHOT_MAX_BYTES / 1024} KiB`)
      .base64('standard base64 with padding'),
    width: Side,
    height: Side,
  })
  .superRefine((shot, ctx) => {
    if (shot.data.length < 12) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: 'the image data is empty or truncated' });
      return;
    }
    const problem = screenshotMagicProblem(shot.mime, shot.data);
    if (problem) ctx.addIssue({ code: 'custom', path: ['data'], message: problem });
  });
export type GapScreenshot = z.infer<typeof GapScreenshot>;

/** One report as the client pushes it. Equal ids must mean equal content. */
export const GapReportInput = z.object({
  id: ClientId,
  type: GapReportType,
  severity: GapSeverity,
  note: personText(GAP_NOTE_MAX, 'the note'),
  context: GapReportContext.default({}),
  screenshot: GapScreenshot.nullish(),
  /** The client's clock when the report was written: shown, never used for ordering. */
  createdAt: Timestamp,
});
export type GapReportInput = z.input<typeof GapReportInput>;
export type GapReportParsed = z.output<typeof GapReportInput>;

/** `POST /v1/sync/push` as a client builds it. */
export const SyncPushRequest = z.object({ reports: z.array(GapReportInput).min(1).max(SYNC_PUSH_MAX) });
export type SyncPushRequest = z.input<typeof SyncPushRequest>;

/**
 * What the API checks of a push as a whole; each report is then checked on its own, so one bad
 * record never blocks the rest of an outbox.
 */
export const SyncPushEnvelope = z.object({
  reports: z.array(z.unknown()).min(1).max(SYNC_PUSH_MAX),
});

/**
 * `created`: stored now. `duplicate`: this id was already stored with this content (a retry; success
 * for the client). `rejected`: never stored and retrying will not help; `code` says why:
 * `invalid` (the report breaks the contract, `details` name the fields), `id_conflict` (this id is
 * already stored with other content, or by someone else: nothing is overwritten), `screenshot_invalid`
 * (the image's own bytes disagree with its type or size).
 */
export const SyncPushOutcome = z.enum(['created', 'duplicate', 'rejected']);
export type SyncPushOutcome = z.infer<typeof SyncPushOutcome>;

export const SyncRejectCode = z.enum(['invalid', 'id_conflict', 'screenshot_invalid']);
export type SyncRejectCode = z.infer<typeof SyncRejectCode>;

/** The answer for one pushed report, in the order they were sent. */
export const SyncPushResult = z.object({
  /** The report's position in the request. */
  index: z.number().int().nonnegative(),
  /** The id as sent; null when the report had no readable id. */
  id: storableString(64).nullable(),
  outcome: SyncPushOutcome,
  /** Set for created and duplicate: the revision the report has now. */
  revision: z.number().int().positive().optional(),
  code: SyncRejectCode.optional(),
  message: storableString(MESSAGE_MAX).optional(),
  details: z.array(ErrorDetail).optional(),
});
export type SyncPushResult = z.infer<typeof SyncPushResult>;

export const SyncPushResponse = z.object({ results: z.array(SyncPushResult) });
export type SyncPushResponse = z.infer<typeof SyncPushResponse>;

/** A person as reports show them. */
export const GapPerson = z.object({ id: storableString(64), name: storableString(128) });
export type GapPerson = z.infer<typeof GapPerson>;

/** A comment an analyst (or admin) added to a report; the reporter sees it. */
export const GapComment = z.object({
  id: ClientId,
  author: GapPerson,
  body: storableString(GAP_NOTE_MAX),
  /** Server time. */
  at: Timestamp,
});
export type GapComment = z.infer<typeof GapComment>;

/** A stored report as its reporter pulls it (and analysts see it). */
export const GapReportRecord = z.object({
  id: ClientId,
  reporter: GapPerson,
  type: GapReportType,
  severity: GapSeverity,
  note: storableString(GAP_NOTE_MAX),
  context: GapReportContext,
  /** The screenshot itself is fetched from `GET /v1/gap-reports/{id}/screenshot`. */
  hasScreenshot: z.boolean(),
  /** The client's clock when written: display only. */
  createdAt: Timestamp,
  /** Server time the report arrived. */
  receivedAt: Timestamp,
  status: GapReportStatus,
  assignee: GapPerson.nullable(),
  /** Set when an analyst merged this report into another (issue 10). */
  duplicateOf: ClientId.nullable(),
  /** Taken from one server sequence on every change to the report or its comments. */
  revision: z.number().int().positive(),
  /** Server time of the last change. */
  updatedAt: Timestamp,
  /** Oldest first. */
  comments: z.array(GapComment),
});
export type GapReportRecord = z.infer<typeof GapReportRecord>;

/** A sync cursor: opaque to clients, send back what `nextCursor` said. */
export const GapReportCursor = storableString(32).regex(/^[0-9]{1,18}$/, 'not a cursor this API gave out');

/** Query of `GET /v1/sync/gap-reports`; no `since` starts from the beginning. */
export const GapReportSyncQuery = z.object({
  since: GapReportCursor.optional(),
  limit: z.coerce.number().int().min(1).max(GAP_SYNC_PAGE_MAX).default(100),
});
export type GapReportSyncQuery = z.input<typeof GapReportSyncQuery>;

/** The caller's own reports changed after the cursor (created, status, assignee, comment), oldest change first. */
export const GapReportSyncResponse = z.object({
  reports: z.array(GapReportRecord),
  /** Pass as `since` on the next pull; unchanged when nothing is new. */
  nextCursor: GapReportCursor,
  hasMore: z.boolean(),
});
export type GapReportSyncResponse = z.infer<typeof GapReportSyncResponse>;

/** `PATCH /v1/gap-reports/{id}` (analysts, admins): at least one change. */
export const GapReportPatch = z
  .object({
    status: GapReportStatus.optional(),
    /** A user id, or null to unassign. */
    assignee: UserId.nullable().optional(),
  })
  .refine((patch) => patch.status !== undefined || patch.assignee !== undefined, 'change status or assignee');
export type GapReportPatch = z.infer<typeof GapReportPatch>;

/** `POST /v1/gap-reports/{id}/comments` (analysts, admins): the id makes a retry a no-op. */
export const GapCommentInput = z.object({
  id: ClientId,
  body: personText(GAP_NOTE_MAX, 'the comment'),
});
export type GapCommentInput = z.infer<typeof GapCommentInput>;

/** The answer of a PATCH or a comment: the report as it is now. */
export const GapReportResponse = z.object({ report: GapReportRecord });
export type GapReportResponse = z.infer<typeof GapReportResponse>;

/**
 * What one history entry records. `duplicate_of`: this report was merged into `to` (from the
 * report it was merged into before, if any); `merged`: report `to` was merged into this one.
 */
export const GapHistoryAction = z.enum(['status', 'assignee', 'comment', 'duplicate_of', 'merged']);
export type GapHistoryAction = z.infer<typeof GapHistoryAction>;

/** One change of a report: who, when, what (issue 10 shows these as the report's history). */
export const GapHistoryEntry = z.object({
  action: GapHistoryAction,
  actor: GapPerson,
  at: Timestamp,
  /** Status or assignee id before and after; for a comment, `to` is its id; for a merge, report ids. */
  from: storableString(64).nullable(),
  to: storableString(64).nullable(),
});
export type GapHistoryEntry = z.infer<typeof GapHistoryEntry>;

/** `GET /v1/gap-reports/{id}/history`: oldest first. */
export const GapHistoryResponse = z.object({ entries: z.array(GapHistoryEntry) });
export type GapHistoryResponse = z.infer<typeof GapHistoryResponse>;
