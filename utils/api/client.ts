import { z } from 'zod';
import {
  AdapterRecord,
  ApiErrorBody,
  DemoUsersResponse,
  GapReportSyncResponse,
  GuidelineSyncResponse,
  ItemEventsResponse,
  LivenessResponse,
  LookupResponse,
  MeResponse,
  MyQualityResponse,
  SyncPushResponse,
  TokenResponse,
  type AdapterHealthReport,
  type ItemEventsQuery,
  type ItemRef,
  type SyncPushRequest,
  type User,
  DuplicatesResponse,
  GapReportResponse,
  InboxBulkResponse,
  InboxDetail,
  InboxPage,
  MergeResponse,
  type GapCommentInput,
  type GapReportPatch,
  type InboxBulkRequest,
  type InboxFiltersInput,
  type InboxQueryInput,
  type MergeRequest,
  SurveyListResponse,
  SurveyRecordResponse,
  SurveyResults,
  type SurveyCreateRequest,
  type SurveyGroupBy,
  type SurveyListQuery,
  type SurveyPatch,
  SurveyResponsePushResponse,
  SurveyResponseSyncResponse,
  SurveySyncResponse,
  type SurveyResponsePushRequest,
} from '../../contract';
import type { RetryAfterHint } from '../sync/retry-delay';
import { metricsCalls } from './metrics-calls';

/**
 * The adapter list with each document left unchecked: one malformed adapter
 * must not make the client drop the others (each is validated on its own).
 */
const AdapterPage = z.object({
  adapters: z.array(AdapterRecord.extend({ adapter: z.unknown() })),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type AdapterPage = z.infer<typeof AdapterPage>;

/** A page of guideline versions, each left unchecked for the same reason as adapters. */
const GuidelinePage = GuidelineSyncResponse.extend({ versions: z.array(z.unknown()) });
export type GuidelinePage = z.infer<typeof GuidelinePage>;

/** A page of surveys, each left unchecked so one malformed survey cannot block the rest. */
const SurveyPage = SurveySyncResponse.extend({ surveys: z.array(z.unknown()) });
export type SurveyPage = z.infer<typeof SurveyPage>;

/** A page of the caller's own survey answers, each left unchecked for the same reason. */
const OwnSurveyResponsePage = SurveyResponseSyncResponse.extend({ responses: z.array(z.unknown()) });
export type OwnSurveyResponsePage = z.infer<typeof OwnSurveyResponsePage>;

/** A page of the caller's gap reports, each left unchecked so one malformed record cannot block the rest. */
const GapReportPage = GapReportSyncResponse.extend({ reports: z.array(z.unknown()) });
export type GapReportPage = z.infer<typeof GapReportPage>;

/** A failed API call, with the server's error code when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** What the response said about when to try again (a 429's Retry-After), when it was an HTTP answer. */
    readonly retryAfter: RetryAfterHint | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  /** Milliseconds before a request is abandoned. */
  timeoutMs?: number;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A typed client for the QA Lens API; every reply is checked against the contract. */
export function createApiClient({ baseUrl, token, fetch: fetchImpl = fetch, timeoutMs = 15_000 }: ApiClientOptions) {
  const root = baseUrl.replace(/\/+$/, '');

  /** The answer to one request when it is a success; an ApiError for a network failure or an error status. */
  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (init.body !== undefined) headers.set('Content-Type', 'application/json');
    let response: Response;
    try {
      response = await fetchImpl(`${root}${path}`, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      throw new ApiError(`Cannot reach the QA Lens API at ${root} (${describe(cause)})`, 0, 'unreachable');
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      const parsed = ApiErrorBody.safeParse(body);
      const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
      const retryAfter = { retryAfter: response.headers.get('Retry-After'), date: response.headers.get('Date') };
      throw new ApiError(message, response.status, parsed.success ? parsed.data.error.code : 'http_error', retryAfter);
    }
    return response;
  }

  /** A JSON request whose answer is checked against `schema`. */
  async function call<T>(schema: z.ZodType<T>, path: string, init: RequestInit = {}): Promise<T> {
    const response = await send(path, init);
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(
        `The API at ${root} sent a reply QA Lens does not understand (${path})`,
        response.status,
        'bad_reply',
      );
    }
    return parsed.data;
  }

  /** A non-JSON answer (an image, a CSV file) as a Blob of the type the API said, after a success status. */
  async function blob(path: string, accept: RegExp): Promise<Blob> {
    const response = await send(path);
    const type = response.headers.get('Content-Type') ?? '';
    if (!accept.test(type)) {
      throw new ApiError(`The API at ${root} sent ${type || 'no type'} for ${path}`, response.status, 'bad_reply');
    }
    return response.blob();
  }

  const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body) });
  const reportPath = (id: string) => `/v1/gap-reports/${encodeURIComponent(id)}`;

  return {
    baseUrl: root,
    ...triageCalls({ call, blob, json, reportPath }),
    ...surveyCalls({ call, blob, json }),
    ...surveySyncCalls({ call, json }),
    ...metricsCalls({ call, blob }),
    /** API liveness (GET /health), not adapter health. */
    liveness: () => call(LivenessResponse, '/health'),
    me: () => call(MeResponse, '/v1/me'),
    demoUsers: () => call(DemoUsersResponse, '/v1/demo/users'),
    demoSignIn: (userId: User['id']) =>
      call(TokenResponse, '/v1/demo/sign-in', { method: 'POST', body: JSON.stringify({ userId }) }),
    adapters: (since: number, limit = 100) => call(AdapterPage, `/v1/adapters?since=${since}&limit=${limit}`),
    /** Guideline versions published after `since` (a cursor from the previous page; none for all). */
    guidelines: (since: string | null, limit = 20) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (since) params.set('since', since);
      return call(GuidelinePage, `/v1/sync/guidelines?${params.toString()}`);
    },
    reportHealth: (reports: AdapterHealthReport[]) =>
      call(z.object({ accepted: z.number() }), '/v1/adapters/health', {
        method: 'POST',
        body: JSON.stringify({ reports }),
      }),
    /** One person's own accuracy by policy and by week (themself, or anyone for analysts). */
    quality: (userId: string, weeks: number, tz: string) => {
      const params = new URLSearchParams({ weeks: String(weeks), tz });
      return call(MyQualityResponse, `/v1/users/${encodeURIComponent(userId)}/quality?${params.toString()}`);
    },
    /** Summaries only, up to LOOKUP_MAX_ITEMS per call. */
    lookup: (items: ItemRef[]) =>
      call(LookupResponse, '/v1/items/lookup', { method: 'POST', body: JSON.stringify({ items }) }),
    /** Pushes up to SYNC_PUSH_MAX gap reports; the answer says, per report, created, duplicate or rejected. */
    pushReports: (request: SyncPushRequest) =>
      call(SyncPushResponse, '/v1/sync/push', { method: 'POST', body: JSON.stringify(request) }),
    /** The caller's own gap reports changed after `since` (a cursor from the previous page; none for all). */
    gapReports: (since: string | null, limit = 100) => {
      const params = new URLSearchParams({ limit: String(limit) });
      if (since) params.set('since', since);
      return call(GapReportPage, `/v1/sync/gap-reports?${params.toString()}`);
    },
    /** One page of an item's events, newest first; pass the previous page's `nextCursor` for older ones. */
    events: (query: ItemEventsQuery) => {
      const params = new URLSearchParams({ site: query.site, itemKey: query.itemKey });
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      if (query.cursor) params.set('cursor', query.cursor);
      return call(ItemEventsResponse, `/v1/items/events?${params.toString()}`);
    },
  };
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.name === 'TimeoutError' ? 'timed out' : cause.message;
  return String(cause);
}

interface CallKit {
  call: <T>(schema: z.ZodType<T>, path: string, init?: RequestInit) => Promise<T>;
  blob: (path: string, accept: RegExp) => Promise<Blob>;
  json: (body: unknown) => RequestInit;
  reportPath: (id: string) => string;
}

/** The query string of an inbox view: its filters as the contract reads them back, defaults left out. */
export function inboxSearch(query: InboxQueryInput): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}

/** The analysts' calls: the triage inbox, one report's detail, changes, duplicates and exports. */
function triageCalls({ call, blob, json, reportPath }: CallKit) {
  return {
    inbox: (query: InboxQueryInput) => call(InboxPage, `/v1/gap-reports?${inboxSearch(query)}`),
    inboxExport: (filters: InboxFiltersInput) =>
      blob(`/v1/gap-reports/export.csv?${inboxSearch(filters)}`, /^text\/csv/),
    reportDetail: (id: string) => call(InboxDetail, reportPath(id)),
    patchReport: (id: string, patch: GapReportPatch) =>
      call(GapReportResponse, reportPath(id), { method: 'PATCH', ...json(patch) }),
    bulkChange: (request: InboxBulkRequest) =>
      call(InboxBulkResponse, '/v1/gap-reports/bulk', { method: 'POST', ...json(request) }),
    comment: (id: string, comment: GapCommentInput) =>
      call(GapReportResponse, `${reportPath(id)}/comments`, { method: 'POST', ...json(comment) }),
    duplicates: (id: string) => call(DuplicatesResponse, `${reportPath(id)}/duplicates`),
    merge: (id: string, request: MergeRequest) =>
      call(MergeResponse, `${reportPath(id)}/merge`, { method: 'POST', ...json(request) }),
    /** A report's redacted screenshot (its reporter, analysts and admins). */
    screenshot: (id: string) => blob(`${reportPath(id)}/screenshot`, /^image\/(png|jpeg)$/),
  };
}

/** `?groupBy=…`, or nothing for overall results only. */
function groupByQuery(groupBy: SurveyGroupBy | null | undefined): string {
  return groupBy ? `?${new URLSearchParams({ groupBy }).toString()}` : '';
}

/** The analysts' survey calls: list, create, read, edit (status changes too), results and exports. */
function surveyCalls({ call, blob, json }: Pick<CallKit, 'call' | 'blob' | 'json'>) {
  const surveyPath = (id: string) => `/v1/surveys/${encodeURIComponent(id)}`;
  return {
    /** A page of surveys, newest first; pass the previous page's `nextBefore` as `before`. */
    listSurveys: (query: SurveyListQuery = {}) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
      return call(SurveyListResponse, `/v1/surveys?${params.toString()}`);
    },
    readSurvey: (id: string) => call(SurveyRecordResponse, surveyPath(id)),
    createSurvey: (request: SurveyCreateRequest) =>
      call(SurveyRecordResponse, '/v1/surveys', { method: 'POST', ...json(request) }),
    /** Edits fields, changes the status, or both; `expectedRevision` turns a concurrent change into a 409. */
    patchSurvey: (id: string, patch: SurveyPatch) =>
      call(SurveyRecordResponse, surveyPath(id), { method: 'PATCH', ...json(patch) }),
    surveyResults: (id: string, groupBy?: SurveyGroupBy | null) =>
      call(SurveyResults, `${surveyPath(id)}/results${groupByQuery(groupBy)}`),
    surveyResultsCsv: (id: string, groupBy?: SurveyGroupBy | null) =>
      blob(`${surveyPath(id)}/results.csv${groupByQuery(groupBy)}`, /^text\/csv/),
    /** Every answer with its item context, in arrival order. */
    surveyResponsesCsv: (id: string) => blob(`${surveyPath(id)}/responses.csv`, /^text\/csv/),
  };
}

/** `?since=…&limit=…`, without `since` for the first page. */
function pageQuery(since: string | null, limit: number): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (since) params.set('since', since);
  return params.toString();
}

/** Every user's survey sync: active surveys by revision, answers pushed from the outbox, own answers pulled back. */
function surveySyncCalls({ call, json }: Pick<CallKit, 'call' | 'json'>) {
  return {
    /** Surveys that are or were active, changed after `since` (a cursor from the previous page; none for all). */
    syncSurveys: (since: string | null, limit = 100) => call(SurveyPage, `/v1/sync/surveys?${pageQuery(since, limit)}`),
    /** Pushes up to SURVEY_PUSH_MAX answers; the answer says, per answer, created, duplicate or rejected. */
    pushSurveyResponses: (request: SurveyResponsePushRequest) =>
      call(SurveyResponsePushResponse, '/v1/sync/survey-responses', { method: 'POST', ...json(request) }),
    /** The caller's own answers stored after `since`. */
    ownSurveyResponses: (since: string | null, limit = 100) =>
      call(OwnSurveyResponsePage, `/v1/sync/survey-responses?${pageQuery(since, limit)}`),
  };
}
