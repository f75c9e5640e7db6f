import { createRoute } from '@hono/zod-openapi';
import {
  IMPORT_MAX_ROWS,
  ImportJob,
  ImportJobListQuery,
  ImportJobListResponse,
  ImportJobParams,
  ImportResult,
} from '../../contract';
import { bearerSecurity, requireRoles } from '../auth';
import { IMPORT_BODY_LIMIT } from '../body-limits';
import { ApiError, errorResponses } from '../errors';
import { formatForContentType, runImport } from '../import';
import { getJob, listJobs } from '../import-jobs';
import { limitedBody } from '../streamed-body';
import type { Api, RouteDeps } from './types';

const rawFile = { schema: { type: 'string' as const } };

/** The one route allowed a body over the default limit. */
export const IMPORT_PATH = '/v1/quality-events/import';

/** Registers POST /v1/quality-events/import and the import jobs' GET routes. */
export function registerQualityEventRoutes(app: Api, deps: RouteDeps): void {
  const importers = requireRoles(deps.db, deps.now, ['admin', 'analyst']);

  const importRoute = createRoute({
    method: 'post',
    path: IMPORT_PATH,
    summary: 'Import quality events from NDJSON or CSV; any bad row refuses the whole file',
    description:
      'NDJSON: one QualityEventInput per line. CSV: a header row of the same field names; an empty cell is null. ' +
      'Rows whose id is already stored are counted as duplicates and skipped. The body is read as it arrives ' +
      `(at most 50 MB and ${IMPORT_MAX_ROWS} rows); an import job records progress and outcome, ` +
      'see GET /v1/quality-events/imports.',
    security: bearerSecurity,
    // Auth first: the 50 MB limit is for analysts and admins; anyone else is refused unread. The
    // limit itself is counted while the body streams (see limitedBody).
    middleware: [importers] as const,
    request: {
      // Plain schemas, not zod: the body is a file, parsed and validated row by row in the handler.
      body: { required: true, content: { 'application/x-ndjson': rawFile, 'text/csv': rawFile } },
    },
    responses: {
      200: { description: 'Imported', content: { 'application/json': { schema: ImportResult } } },
      ...errorResponses(400, 401, 403, 413, 415, 422),
    },
  });
  app.openapi(importRoute, async (c) => {
    const format = formatForContentType(c.req.header('content-type'));
    if (!format) {
      throw new ApiError(415, 'unsupported_media_type', 'send the file as application/x-ndjson or text/csv');
    }
    const result = await runImport(deps.db, limitedBody(c.req.raw, IMPORT_BODY_LIMIT), {
      format,
      createdBy: c.get('user').id,
      maxRows: IMPORT_MAX_ROWS,
      progressBeside: deps.kind === 'postgres',
    });
    return c.json(result, 200);
  });

  const list = createRoute({
    method: 'get',
    path: '/v1/quality-events/imports',
    summary: 'The most recent import jobs, newest first (analysts and admins)',
    security: bearerSecurity,
    middleware: [importers] as const,
    request: { query: ImportJobListQuery },
    responses: {
      200: { description: 'Jobs', content: { 'application/json': { schema: ImportJobListResponse } } },
      ...errorResponses(400, 401, 403),
    },
  });
  app.openapi(list, async (c) => c.json({ jobs: await listJobs(deps.db, c.req.valid('query').limit) }, 200));

  const one = createRoute({
    method: 'get',
    path: '/v1/quality-events/imports/{id}',
    summary: 'One import job: its status, counts so far and first problems (analysts and admins)',
    security: bearerSecurity,
    middleware: [importers] as const,
    request: { params: ImportJobParams },
    responses: {
      200: { description: 'The job', content: { 'application/json': { schema: ImportJob } } },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(one, async (c) => {
    const { id } = c.req.valid('param');
    const job = await getJob(deps.db, id);
    if (!job) throw new ApiError(404, 'not_found', `no import job "${id}"`);
    return c.json(job, 200);
  });
}
