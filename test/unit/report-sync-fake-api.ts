import {
  GapReportInput,
  SyncPushEnvelope,
  zodDetails,
  type GapComment,
  type GapReportRecord,
  type GapReportStatus,
  type SyncPushResult,
} from '../../contract';
import { createApiClient } from '../../utils/api/client';

/*
 * A small stand-in for the API's sync routes behind a fake `fetch`, so the real client (headers,
 * Retry-After, reply checks) is part of every test. It stores each id once, answers a retry with
 * the same content "duplicate", and can be told to fail the next requests in the ways a network
 * and a busy server fail.
 */

/**
 * How the next request fails. `lost-response`: the server stores the push, the client sees a
 * network error. null: it does not (to fail a later request).
 */
export type Fault =
  null | 'network' | 'lost-response' | { status: number; headers?: Record<string, string>; body?: unknown };

export interface FakeRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  body: unknown;
}

export const OWNER = { id: 'eval.sam', name: 'Sam Evaluator' };
const ANALYST = { id: 'analyst.riley', name: 'Riley Chen' };

/** More routes behind the same fake `fetch` (the survey routes): an answer, or null for "not mine". */
export type FakeRoutes = (request: FakeRequest) => { status: number; body: unknown } | null;

export function fakeReportApi({
  serverNow = () => new Date('2026-05-01T10:00:00Z'),
  routes = (() => null) as FakeRoutes,
} = {}) {
  const stored = new Map<string, { record: GapReportRecord; content: string }>();
  const faults: Fault[] = [];
  const requests: FakeRequest[] = [];
  let revision = 0;
  /** Refuses a whole push (400) when a report's note contains this, as a server might refuse a body. */
  let poison: string | null = null;
  /** Answers the next push for its first N reports only (it stores them all). */
  let answerOnly: number | null = null;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', Date: serverNow().toUTCString(), ...headers },
    });

  function push(body: unknown): Response {
    const envelope = SyncPushEnvelope.safeParse(body);
    if (!envelope.success) return json(400, { error: { code: 'invalid', message: 'not a push' } });
    const reports = envelope.data.reports as { note?: string }[];
    if (poison && reports.some((report) => report.note?.includes(poison!))) {
      return json(400, { error: { code: 'invalid', message: `the API cannot take "${poison}"` } });
    }
    const results: SyncPushResult[] = envelope.data.reports.map((raw, index) => {
      const parsed = GapReportInput.safeParse(raw);
      if (!parsed.success) {
        return {
          index,
          id: null,
          outcome: 'rejected',
          code: 'invalid',
          message: 'invalid',
          details: zodDetails(parsed.error),
        };
      }
      const input = parsed.data;
      const content = JSON.stringify(input);
      const existing = stored.get(input.id);
      if (existing) {
        return existing.content === content
          ? { index, id: input.id, outcome: 'duplicate', revision: existing.record.revision }
          : {
              index,
              id: input.id,
              outcome: 'rejected',
              code: 'id_conflict',
              message: 'this id is already stored with other content',
            };
      }
      revision += 1;
      const at = serverNow().toISOString();
      const record: GapReportRecord = {
        id: input.id,
        reporter: OWNER,
        type: input.type,
        severity: input.severity,
        note: input.note,
        context: input.context,
        hasScreenshot: Boolean(input.screenshot),
        createdAt: input.createdAt,
        receivedAt: at,
        status: 'new',
        assignee: null,
        duplicateOf: null,
        revision,
        updatedAt: at,
        comments: [],
      };
      stored.set(input.id, { record, content });
      return { index, id: input.id, outcome: 'created', revision };
    });
    const answered = answerOnly === null ? results : results.slice(0, answerOnly);
    answerOnly = null;
    return json(200, { results: answered });
  }

  function pull(params: URLSearchParams): Response {
    const since = Number(params.get('since') ?? '0');
    const limit = Number(params.get('limit') ?? '100');
    const changed = [...stored.values()]
      .map((entry) => entry.record)
      .filter((record) => record.revision > since)
      .sort((a, b) => a.revision - b.revision);
    const page = changed.slice(0, limit);
    const nextCursor = String(page.at(-1)?.revision ?? since);
    return json(200, { reports: page, nextCursor, hasMore: changed.length > limit });
  }

  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request: FakeRequest = { method: init.method ?? 'GET', path: url.pathname, params: url.searchParams, body };
    requests.push(request);
    const fault = faults.shift();
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault && fault !== 'lost-response')
      return json(fault.status, fault.body ?? { error: { code: 'x', message: `HTTP ${fault.status}` } }, fault.headers);
    const other = routes(request);
    const response =
      url.pathname === '/v1/sync/push' && init.method === 'POST'
        ? push(body)
        : url.pathname === '/v1/sync/gap-reports'
          ? pull(url.searchParams)
          : other
            ? json(other.status, other.body)
            : json(404, { error: { code: 'not_found', message: 'no such route' } });
    if (fault === 'lost-response') throw new TypeError('Failed to fetch');
    return response;
  };

  /** Bumps a stored report's revision after an analyst's change, as the API does. */
  function change(id: string, apply: (record: GapReportRecord) => void): void {
    const entry = stored.get(id);
    if (!entry) throw new Error(`the fake API has no report ${id}`);
    apply(entry.record);
    revision += 1;
    entry.record.revision = revision;
    entry.record.updatedAt = serverNow().toISOString();
  }

  return {
    api: createApiClient({ baseUrl: 'http://api.test', token: 'token', fetch }),
    stored,
    requests,
    /** The pushes made, each as the ids it carried. */
    pushes: () =>
      requests
        .filter((r) => r.path === '/v1/sync/push')
        .map((r) => (r.body as { reports: { id: string }[] }).reports.map((x) => x.id)),
    failNext: (...next: Fault[]) => faults.push(...next),
    refuseBodiesContaining: (text: string | null) => (poison = text),
    answerNextPushOnlyFor: (count: number) => (answerOnly = count),
    setStatus: (id: string, status: GapReportStatus) => change(id, (record) => (record.status = status)),
    comment: (id: string, body: string, commentId: string, author = ANALYST) =>
      change(id, (record) => {
        const comment: GapComment = { id: commentId, author, body, at: serverNow().toISOString() };
        record.comments.push(comment);
      }),
  };
}

export type FakeReportApi = ReturnType<typeof fakeReportApi>;
