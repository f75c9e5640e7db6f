import { z } from 'zod';
import { Role, UserId } from './auth';
import { SiteId, storableString } from './common';
import {
  ClientId,
  GapComment,
  GapHistoryEntry,
  GapPerson,
  GapReportRecord,
  GapReportStatus,
  GapReportType,
  GapSeverity,
} from './gap-report';
import { GuidelineId, GuidelineVersionName, SectionId } from './guideline';
import { TimeZone } from './my-quality';

/*
 * The analysts' triage inbox (issue 10): gap reports filtered, searched, sorted and paged on the
 * server. Every view is a URL, so every filter is a query-string value, validated and length-capped
 * here; the extension builds links from the same schema it reads them back with.
 */

/** Most reports one inbox page holds. */
export const INBOX_PAGE_MAX = 200;
/** Longest free-text search. */
export const INBOX_SEARCH_MAX = 200;
/** Most reports one bulk change names. */
export const INBOX_BULK_MAX = 500;
/** Most duplicates one merge names. */
export const INBOX_MERGE_MAX = 100;
/** Most likely duplicates `GET /v1/gap-reports/{id}/duplicates` answers. */
export const INBOX_DUPLICATES_MAX = 20;

/** Sort orders of the inbox; every one pages by an opaque keyset cursor. */
export const InboxSort = z.enum(['created_desc', 'created_asc', 'updated_desc', 'severity_desc']);
export type InboxSort = z.infer<typeof InboxSort>;

/** Whether merged duplicates are listed: hidden by default, the surviving report stands for them. */
export const InboxMerged = z.enum(['include', 'exclude']);
export type InboxMerged = z.infer<typeof InboxMerged>;

/** The `assignee` filter's value for reports nobody is assigned to. */
export const INBOX_UNASSIGNED = 'none';

/**
 * A comma-separated list of `values` in one query-string value (`status=new,triaged`): short
 * links, and one parameter per filter. Repeats collapse; an unknown value is refused by name.
 */
function commaList<const T extends string>(values: readonly T[], what: string) {
  const longest = values.reduce((sum, value) => sum + value.length + 1, 0);
  return storableString(longest)
    .regex(/^[a-z_]+(,[a-z_]+)*$/, `a comma-separated list of ${what}`)
    .transform((text, ctx) => {
      const parts = [...new Set(text.split(','))];
      const unknown = parts.filter((part) => !(values as readonly string[]).includes(part));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown ${what}: ${unknown.join(', ')} (one of ${values.join(', ')})`,
        });
        return z.NEVER;
      }
      return parts as T[];
    });
}

/**
 * A calendar day, `YYYY-MM-DD`, that exists, within years 1900–2999: days and the margins around
 * them stay dates PostgreSQL and JavaScript both write the same way (year 0000 was a 500).
 */
export const InboxDay = storableString(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, 'not a calendar day')
  .refine((day) => day >= '1900-01-01' && day <= '2999-12-31', 'a day from 1900-01-01 to 2999-12-31');

/** An opaque keyset position: send back what the previous page's `nextCursor` said, with the same sort. */
export const InboxCursor = storableString(400).regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a previous page');

/** A queue or policy name as quality events and adapters carry it. */
const FilterName = storableString(128).min(1);

/** The filters and sort of an inbox view: the list and the CSV export take the same ones. */
export const InboxFilters = z
  .object({
    status: commaList(GapReportStatus.options, 'statuses').optional(),
    type: commaList(GapReportType.options, 'report types').optional(),
    severity: commaList(GapSeverity.options, 'severities').optional(),
    site: SiteId.optional(),
    queue: FilterName.optional(),
    policy: FilterName.optional(),
    /** A guideline id. */
    guideline: GuidelineId.optional(),
    /** A guideline section id. */
    section: SectionId.optional(),
    /** The guideline version the reporter saw. */
    version: GuidelineVersionName.optional(),
    /** The reporter's role when they reported. */
    reporterRole: commaList(Role.options, 'roles').optional(),
    /** A user id, or `none` for unassigned reports. */
    assignee: UserId.optional(),
    /** First day (inclusive) the report arrived, in `tz`. */
    from: InboxDay.optional(),
    /** Last day (inclusive) the report arrived, in `tz`. */
    to: InboxDay.optional(),
    tz: TimeZone.default('UTC'),
    /** Words of the note, selection, section heading or page title; any substring for Chinese and Japanese. */
    q: storableString(INBOX_SEARCH_MAX).optional(),
    sort: InboxSort.default('created_desc'),
    merged: InboxMerged.default('exclude'),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `ends (${query.to}) before it starts (${query.from})` });
    }
  });
export type InboxFiltersInput = z.input<typeof InboxFilters>;
export type InboxFilters = z.output<typeof InboxFilters>;

/** Query of `GET /v1/gap-reports`: a view's filters plus the page. */
export const InboxQuery = InboxFilters.safeExtend({
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).default(50),
  cursor: InboxCursor.optional(),
  /** `true` asks for `total`, the exact count of the view (one more query); otherwise it is null. */
  count: z.enum(['true', 'false']).default('false'),
});
export type InboxQueryInput = z.input<typeof InboxQuery>;
export type InboxQuery = z.output<typeof InboxQuery>;

/** The reporter as the inbox shows them: with the role they reported in. */
export const InboxReporter = GapPerson.extend({ role: Role });
export type InboxReporter = z.infer<typeof InboxReporter>;

/** One report in the inbox: the reporter's record plus what triage filters and groups by. */
export const InboxReport = GapReportRecord.extend({
  reporter: InboxReporter,
  /** The item's queue and policy: from the adapter's fields, else the item's latest quality event. */
  queue: storableString(2000).nullable(),
  policy: storableString(2000).nullable(),
  duplicateOf: ClientId.nullable(),
  /** How many reports were merged into this one. */
  mergedCount: z.number().int().nonnegative(),
});
export type InboxReport = z.infer<typeof InboxReport>;

/** `GET /v1/gap-reports`: one page, newest first unless the sort says otherwise. */
export const InboxPage = z.object({
  reports: z.array(InboxReport),
  /** Pass as `cursor` (with the same filters and sort) for the next page; null on the last one. */
  nextCursor: InboxCursor.nullable(),
  /** The exact number of reports in the view when `count=true` was asked, else null. */
  total: z.number().int().nonnegative().nullable(),
});
export type InboxPage = z.infer<typeof InboxPage>;

/** `GET /v1/gap-reports/{id}`: one report with everything triage needs. */
export const InboxDetail = z.object({
  report: InboxReport,
  /** The report's own comments, oldest first (its record also carries the survivor's when merged). */
  comments: z.array(GapComment),
  /** Oldest first. */
  history: z.array(GapHistoryEntry),
  /** Reports merged into this one, newest first. */
  merged: z.array(InboxReport),
});
export type InboxDetail = z.infer<typeof InboxDetail>;

/** Ids of reports, each once. */
function reportIds(max: number) {
  return z
    .array(ClientId)
    .min(1)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, 'names a report twice');
}

/** `POST /v1/gap-reports/bulk`: one status and/or assignee for many reports, all or nothing. */
export const InboxBulkRequest = z
  .object({
    ids: reportIds(INBOX_BULK_MAX),
    status: GapReportStatus.optional(),
    /** A user id, or null to unassign. */
    assignee: UserId.nullable().optional(),
  })
  .refine((body) => body.status !== undefined || body.assignee !== undefined, 'change status or assignee');
export type InboxBulkRequest = z.infer<typeof InboxBulkRequest>;

export const InboxBulkResponse = z.object({
  /** Reports that changed (a report already in that state is not counted). */
  updated: z.number().int().nonnegative(),
  /** Every named report as it now is, in request order. */
  reports: z.array(InboxReport),
});
export type InboxBulkResponse = z.infer<typeof InboxBulkResponse>;

/** Why a report is offered as a likely duplicate. */
export const DuplicateReason = z.enum(['same_section', 'same_item', 'similar_text']);
export type DuplicateReason = z.infer<typeof DuplicateReason>;

export const DuplicateCandidate = z.object({
  report: InboxReport,
  /** Text similarity of note and selection, higher is closer; 0 when only the context matches. */
  score: z.number().nonnegative(),
  reasons: z.array(DuplicateReason),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

/** `GET /v1/gap-reports/{id}/duplicates`: best candidates first. */
export const DuplicatesResponse = z.object({ candidates: z.array(DuplicateCandidate) });
export type DuplicatesResponse = z.infer<typeof DuplicatesResponse>;

/** `POST /v1/gap-reports/{id}/merge`: the reports to fold into `{id}`, which survives. */
export const MergeRequest = z.object({ duplicates: reportIds(INBOX_MERGE_MAX) });
export type MergeRequest = z.infer<typeof MergeRequest>;

export const MergeResponse = z.object({
  /** The surviving report as it now is. */
  report: InboxReport,
  /** Every report now merged into it, newest first. */
  merged: z.array(InboxReport),
});
export type MergeResponse = z.infer<typeof MergeResponse>;
