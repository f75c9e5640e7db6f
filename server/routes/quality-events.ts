import { createRoute } from '@hono/zod-openapi';
import { ImportResponse } from '../../contract';
import { bearerSecurity, requireRoles } from '../auth';
import { IMPORT_BODY_LIMIT, limitBody } from '../body-limits';
import { ApiError, errorResponses } from '../errors';
import { formatForContentType, importEvents, parseImport } from '../import';
import type { Api, RouteDeps } from './types';

const rawFile = { schema: { type: 'string' as const } };

/** The one route allowed a body over the default limit. */
export const IMPORT_PATH = '/v1/quality-events/import';

/** Registers POST /v1/quality-events/import. */
export function registerQualityEventRoutes(app: Api, deps: RouteDeps): void {
  const importRoute = createRoute({
    method: 'post',
    path: IMPORT_PATH,
    summary: 'Import quality events from NDJSON or CSV; any bad row refuses the whole file',
    description:
      'NDJSON: one QualityEventInput per line. CSV: a header row of the same field names; an empty cell is null. ' +
      'Rows whose id is already stored are counted as duplicates and skipped.',
    security: bearerSecurity,
    // Auth first: the 50 MB limit is for analysts and admins; anyone else is refused unread.
    middleware: [requireRoles(deps.db, deps.now, ['admin', 'analyst']), limitBody(IMPORT_BODY_LIMIT)] as const,
    request: {
      // Plain schemas, not zod: the body is a file, parsed and validated row by row in the handler.
      body: { required: true, content: { 'application/x-ndjson': rawFile, 'text/csv': rawFile } },
    },
    responses: {
      200: { description: 'Imported', content: { 'application/json': { schema: ImportResponse } } },
      ...errorResponses(400, 401, 403, 413, 415, 422),
    },
  });

  app.openapi(importRoute, async (c) => {
    const format = formatForContentType(c.req.header('content-type'));
    if (!format) {
      throw new ApiError(415, 'unsupported_media_type', 'send the file as application/x-ndjson or text/csv');
    }
    const parsed = parseImport(await c.req.text(), format);
    if (!parsed.ok) {
      throw new ApiError(parsed.status, parsed.code, parsed.message, parsed.details, parsed.totalDetails);
    }
    return c.json(await importEvents(deps.db, parsed.rows), 200);
  });
}
