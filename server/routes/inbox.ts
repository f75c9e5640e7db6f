import { createRoute, z } from '@hono/zod-openapi';
import {
  ClientId,
  DuplicatesResponse,
  InboxBulkRequest,
  InboxBulkResponse,
  InboxDetail,
  InboxFilters,
  InboxPage,
  InboxQuery,
  MergeRequest,
  MergeResponse,
  type ErrorDetail,
} from '../../contract';
import { bearerSecurity, requireRoles } from '../auth';
import { csvHeaders } from '../csv';
import { ApiError, errorResponses } from '../errors';
import { gapReportCommentsOf, gapReportHistoryOf } from '../gap-report-store';
import { bulkChange } from '../inbox-bulk';
import { likelyDuplicates } from '../inbox-duplicates';
import { inboxCsv } from '../inbox-export';
import { mergeReports } from '../inbox-merge';
import { listInbox } from '../inbox-query';
import { findInboxReport, mergedInto } from '../inbox-records';
import { enforceRate } from '../rate-limit';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const idParam = z.object({ id: ClientId });

/** A 404 naming reports that do not exist, by their place in the request. */
function unknownReports(ids: readonly string[], asked: readonly string[], field: string): ApiError {
  const details: ErrorDetail[] = ids.map((id) => ({
    path: `${field}.${asked.indexOf(id)}`,
    message: `no gap report ${id}`,
  }));
  return new ApiError(
    404,
    'not_found',
    `no gap report ${ids[0]}${ids.length > 1 ? ` (and ${ids.length - 1} more)` : ''}`,
    details,
  );
}

/**
 * Registers the analysts' triage inbox (issue 10): the filtered list, one report in full, bulk
 * changes, likely duplicates, merging and the CSV export. Analysts and admins only.
 */
export function registerInboxRoutes(app: Api, deps: RouteDeps): void {
  const analystsAndAdmins = requireRoles(deps.db, deps.now, ['admin', 'analyst']);

  const list = createRoute({
    method: 'get',
    path: '/v1/gap-reports',
    summary: 'The triage inbox: gap reports filtered, searched and sorted on the server, a keyset page at a time',
    description:
      'Every filter is a query-string value, so a view is a link. Comma lists (status, type, severity, reporterRole) ' +
      'match any of their values; `from`/`to` are days in `tz`, both included; `q` searches note, selection, section ' +
      'heading and page title by word (Chinese and Japanese also by substring). Merged duplicates are hidden unless ' +
      '`merged=include`. Pass `nextCursor` back as `cursor` with the same filters for the next page; `count=true` adds ' +
      'the exact `total`.',
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { query: InboxQuery },
    responses: {
      200: { description: 'One page of the view', content: json(InboxPage) },
      ...errorResponses(400, 401, 403),
    },
  });
  app.openapi(list, async (c) => c.json(await listInbox(deps.db, c.req.valid('query')), 200));

  // Registered before `/{id}`, which would otherwise take "export.csv" for an id.
  const exportCsv = createRoute({
    method: 'get',
    path: '/v1/gap-reports/export.csv',
    summary: 'Every report of an inbox view as CSV (the list’s filters and sort), streamed',
    description:
      'UTF-8 with a byte-order mark, CRLF rows; cells that would start a spreadsheet formula are prefixed with an apostrophe.',
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { query: InboxFilters },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      ...errorResponses(400, 401, 403),
    },
  });
  app.openapi(exportCsv, (c) => {
    const filename = `gap-reports-${deps.now().toISOString().slice(0, 10)}.csv`;
    return c.body(inboxCsv(deps.db, c.req.valid('query')), 200, csvHeaders(filename));
  });

  const detail = createRoute({
    method: 'get',
    path: '/v1/gap-reports/{id}',
    summary: 'One report in full: its record, comments, history and the reports merged into it',
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { params: idParam },
    responses: {
      200: { description: 'The report', content: json(InboxDetail) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(detail, async (c) => {
    const { id } = c.req.valid('param');
    const report = await findInboxReport(deps.db, id);
    if (!report) throw new ApiError(404, 'not_found', `no gap report ${id}`);
    return c.json(
      {
        report,
        // The record of a merged report also carries its survivor's comments; here, only its own.
        comments: await gapReportCommentsOf(deps.db, id),
        history: await gapReportHistoryOf(deps.db, id),
        merged: await mergedInto(deps.db, id),
      },
      200,
    );
  });

  const bulk = createRoute({
    method: 'post',
    path: '/v1/gap-reports/bulk',
    summary: 'Set the status and/or assignee of up to 500 reports at once, all or nothing',
    description:
      'One transaction: an unknown id (404), an unknown assignee (400) or a status change of a merged report (409) ' +
      'changes nothing. Each report that changes gets a history row per change and a new revision, so its reporter ' +
      'pulls it; `updated` counts those.',
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { body: { required: true, content: json(InboxBulkRequest) } },
    responses: {
      200: { description: 'Every named report as it now is, in request order', content: json(InboxBulkResponse) },
      ...errorResponses(400, 401, 403, 404, 409, 415, 429),
    },
  });
  app.openapi(bulk, async (c) => {
    const request = c.req.valid('json');
    const actor = c.get('user').id;
    await enforceRate(
      deps.db,
      `inbox-write:${actor}`,
      request.ids.length,
      deps.policy.inboxWrites,
      deps.now(),
      'report changes',
    );
    const result = await bulkChange(deps.db, request, actor);
    if (result.ok) return c.json({ updated: result.updated, reports: result.reports }, 200);
    switch (result.reason) {
      case 'not_found':
        throw unknownReports(result.ids, request.ids, 'ids');
      case 'unknown_assignee': {
        const message = 'no user with that id to assign';
        throw new ApiError(400, 'invalid_request', message, [{ path: 'assignee', message }]);
      }
      case 'merged':
        throw new ApiError(
          409,
          'conflict',
          `report ${result.ids[0]} is merged into another and follows its status; change the surviving report instead`,
          result.ids.map((id) => ({ path: `ids.${request.ids.indexOf(id)}`, message: 'merged: follows its survivor' })),
        );
    }
  });

  const duplicates = createRoute({
    method: 'get',
    path: '/v1/gap-reports/{id}/duplicates',
    summary: 'Likely duplicates of a report: same section or item, not merged, ranked by how alike their text reads',
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { params: idParam },
    responses: {
      200: { description: 'Best candidates first', content: json(DuplicatesResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(duplicates, async (c) => {
    const { id } = c.req.valid('param');
    const candidates = await likelyDuplicates(deps.db, id);
    if (!candidates) throw new ApiError(404, 'not_found', `no gap report ${id}`);
    return c.json({ candidates }, 200);
  });

  const merge = createRoute({
    method: 'post',
    path: '/v1/gap-reports/{id}/merge',
    summary: 'Merge duplicates into a report; their reporters then follow its status and comments',
    description:
      'No chains: a report that is itself merged cannot take others (409), a report cannot be merged into itself ' +
      '(400), and reports already merged into a duplicate move with it. A duplicate already merged here is left ' +
      'as it is, so a retry writes nothing.',
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { params: idParam, body: { required: true, content: json(MergeRequest) } },
    responses: {
      200: { description: 'The surviving report and every report merged into it', content: json(MergeResponse) },
      ...errorResponses(400, 401, 403, 404, 409, 415, 429),
    },
  });
  app.openapi(merge, async (c) => {
    const { id } = c.req.valid('param');
    const { duplicates: ids } = c.req.valid('json');
    const self = ids.indexOf(id);
    if (self >= 0) {
      const message = 'a report cannot be merged into itself';
      throw new ApiError(400, 'invalid_request', message, [{ path: `duplicates.${self}`, message }]);
    }
    const actor = c.get('user').id;
    await enforceRate(
      deps.db,
      `inbox-write:${actor}`,
      ids.length,
      deps.policy.inboxWrites,
      deps.now(),
      'report changes',
    );
    const result = await mergeReports(deps.db, id, ids, actor);
    if (result.ok) return c.json({ report: result.report, merged: result.merged }, 200);
    switch (result.reason) {
      case 'not_found':
        if (result.ids[0] === id) throw new ApiError(404, 'not_found', `no gap report ${id}`);
        throw unknownReports(result.ids, ids, 'duplicates');
      case 'survivor_merged':
        throw new ApiError(
          409,
          'conflict',
          `report ${id} is itself merged into ${result.survivor}; merge into ${result.survivor} instead`,
        );
    }
  });
}
