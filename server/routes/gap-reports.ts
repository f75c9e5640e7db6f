import { createRoute, z } from '@hono/zod-openapi';
import {
  ClientId,
  GapCommentInput,
  GapHistoryResponse,
  GapReportPatch,
  GapReportResponse,
  GapReportSyncQuery,
  GapReportSyncResponse,
  SYNC_PUSH_BODY_MAX,
  SYNC_PUSH_MAX,
  SyncPushEnvelope,
  SyncPushRequest,
  SyncPushResponse,
  type GapReportRecord,
} from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles, seesAllActors } from '../auth';
import { limitBody, SYNC_PUSH_BODY_LIMIT } from '../body-limits';
import { ApiError, errorResponses } from '../errors';
import { pushGapReports } from '../gap-report-push';
import { findScreenshot, gapReportHistoryOf, ownReportsSince, reportOwner } from '../gap-report-store';
import { addGapComment, patchGapReport, type TriageResult } from '../gap-report-triage';
import { enforceRate } from '../rate-limit';
import { pushBodySchema, readPushEnvelope } from './push-envelope';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const idParam = z.object({ id: ClientId });
const binary = { schema: { type: 'string' as const, format: 'binary' } };

/** The one route allowed a body over the default limit besides the import: screenshots ride in it. */
export const SYNC_PUSH_PATH = '/v1/sync/push';

const pushBody = pushBodySchema(SyncPushRequest);

/** Registers the gap-report sync (push, pull), screenshots and the analysts' minimum (status, assignee, comments, history). */
export function registerGapReportRoutes(app: Api, deps: RouteDeps): void {
  const anyone = requireRoles(deps.db, deps.now, ALL_ROLES);
  const analystsAndAdmins = requireRoles(deps.db, deps.now, ['admin', 'analyst']);

  const push = createRoute({
    method: 'post',
    path: SYNC_PUSH_PATH,
    summary: 'Push gap reports from the outbox; each id is stored once, and each report gets its own outcome',
    description:
      `Up to ${SYNC_PUSH_MAX} reports and ${SYNC_PUSH_BODY_MAX / 1024 / 1024} MB. The caller is the reporter. ` +
      'A retry of a stored id with the same content is `duplicate` (success, with its revision); the same id with ' +
      'other content is `rejected` with code `id_conflict` and nothing is overwritten; a malformed report is ' +
      '`rejected` alone with code `invalid` and field details, and the others are stored.',
    security: bearerSecurity,
    // Auth first: only a signed-in caller makes the server read up to 8 MB.
    middleware: [anyone, limitBody(SYNC_PUSH_BODY_LIMIT)] as const,
    request: { body: { required: true, content: { 'application/json': { schema: pushBody } } } },
    responses: {
      200: { description: 'One result per report, in request order', content: json(SyncPushResponse) },
      ...errorResponses(400, 401, 413, 415, 429),
    },
  });
  app.openapi(push, async (c) => {
    const envelope = await readPushEnvelope(c, SyncPushEnvelope, 'the reports');
    const { reports } = envelope;
    const user = c.get('user').id;
    // Counted in reports, not requests: one request may carry 50.
    const rule = deps.policy.gapReportPushes;
    await enforceRate(deps.db, `gap-push:${user}`, reports.length, rule, deps.now(), 'gap reports');
    return c.json({ results: await pushGapReports(deps.db, user, reports) }, 200);
  });

  const pull = createRoute({
    method: 'get',
    path: '/v1/sync/gap-reports',
    summary: "The caller's own reports changed after the cursor (created, status, assignee, comment), oldest first",
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { query: GapReportSyncQuery },
    responses: {
      200: { description: 'A page of changed reports', content: json(GapReportSyncResponse) },
      ...errorResponses(400, 401),
    },
  });
  app.openapi(pull, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await ownReportsSince(deps.db, c.get('user').id, Number(since ?? 0), limit), 200);
  });

  const screenshot = createRoute({
    method: 'get',
    path: '/v1/gap-reports/{id}/screenshot',
    summary: "A report's redacted screenshot: its reporter, analysts and admins; 404 for anyone else",
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { params: idParam },
    responses: {
      200: { description: 'The image bytes', content: { 'image/png': binary, 'image/jpeg': binary } },
      ...errorResponses(400, 401, 404),
    },
  });
  app.openapi(screenshot, async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const owner = await reportOwner(deps.db, id);
    // Someone else's report answers exactly like a missing one: its existence is not theirs to learn.
    const shot = owner && (owner === user.id || seesAllActors(user)) ? await findScreenshot(deps.db, id) : null;
    if (!shot) throw new ApiError(404, 'not_found', `no screenshot for report ${id}`);
    return c.body(new Uint8Array(shot.bytes), 200, {
      'Content-Type': shot.mime,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  const patch = createRoute({
    method: 'patch',
    path: '/v1/gap-reports/{id}',
    summary: "Change a report's status or assignee (analysts, admins); recorded in its history, pulled by its reporter",
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { params: idParam, body: { required: true, content: json(GapReportPatch) } },
    responses: {
      200: { description: 'The report as it now is', content: json(GapReportResponse) },
      ...errorResponses(400, 401, 403, 404, 409, 415),
    },
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const result = await patchGapReport(deps.db, id, c.req.valid('json'), c.get('user').id);
    return c.json({ report: triaged(result, id) }, 200);
  });

  const comment = createRoute({
    method: 'post',
    path: '/v1/gap-reports/{id}/comments',
    summary: 'Comment on a report (analysts, admins); its reporter pulls it. The comment id makes a retry a no-op',
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { params: idParam, body: { required: true, content: json(GapCommentInput) } },
    responses: {
      200: { description: 'A retry: the comment was already stored', content: json(GapReportResponse) },
      201: { description: 'Stored', content: json(GapReportResponse) },
      ...errorResponses(400, 401, 403, 404, 409, 415),
    },
  });
  app.openapi(comment, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await addGapComment(deps.db, id, input, c.get('user').id);
    const report = triaged(result, id, input.id);
    return result.ok && result.changed ? c.json({ report }, 201) : c.json({ report }, 200);
  });

  const history = createRoute({
    method: 'get',
    path: '/v1/gap-reports/{id}/history',
    summary:
      "A report's changes, oldest first: who changed status or assignee, or commented, and when (analysts, admins)",
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { params: idParam },
    responses: {
      200: { description: 'The history', content: json(GapHistoryResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(history, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await reportOwner(deps.db, id))) throw new ApiError(404, 'not_found', `no gap report ${id}`);
    return c.json({ entries: await gapReportHistoryOf(deps.db, id) }, 200);
  });
}

/** The record of a triage write, or the error it answers. */
function triaged(result: TriageResult, id: string, commentId?: string): GapReportRecord {
  if (result.ok) return result.record;
  switch (result.reason) {
    case 'not_found':
      throw new ApiError(404, 'not_found', `no gap report ${id}`);
    case 'unknown_assignee': {
      const message = 'no user with that id to assign';
      throw new ApiError(400, 'invalid_request', message, [{ path: 'assignee', message }]);
    }
    case 'comment_conflict':
      throw new ApiError(409, 'conflict', `comment ${commentId} already exists with other content; use a new id`);
    case 'merged':
      throw new ApiError(
        409,
        'conflict',
        `report ${id} is merged into ${result.survivor} and follows its status; change ${result.survivor} instead`,
      );
  }
}
