import { createRoute, z } from '@hono/zod-openapi';
import {
  AdapterHealthQuery,
  AdapterHealthResponse,
  AdapterHistoryResponse,
  AdapterListQuery,
  AdapterListResponse,
  AdapterRecord,
  HealthReportAccepted,
  HealthReportRequest,
  SiteAdapter,
} from '../../contract';
import { adapterHealth, storeHealthReports } from '../adapter-health';
import { adapterHistory, listAdapters, publishAdapter, setAdapterEnabled } from '../adapter-store';
import { ALL_ROLES, bearerSecurity, requireRoles } from '../auth';
import { ApiError, errorResponses } from '../errors';
import { enforceRate } from '../rate-limit';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const idParam = z.object({ id: SiteAdapter.shape.id });
const HOUR_MS = 3_600_000;

/** Registers adapter publishing, pulling, history and field health under /v1/adapters. */
export function registerAdapterRoutes(app: Api, deps: RouteDeps): void {
  const anyone = requireRoles(deps.db, deps.now, ALL_ROLES);
  const admin = requireRoles(deps.db, deps.now, ['admin']);
  const analystsAndAdmins = requireRoles(deps.db, deps.now, ['admin', 'analyst']);

  // Health first: its literal segment must never be read as an adapter id.
  const reportHealth = createRoute({
    method: 'post',
    path: '/v1/adapters/health',
    summary: 'Report how well adapters found items on page loads; any adapter id is taken (built-ins are not stored)',
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { body: { required: true, content: json(HealthReportRequest) } },
    responses: {
      202: { description: 'Stored', content: json(HealthReportAccepted) },
      ...errorResponses(400, 401, 415, 429),
    },
  });
  app.openapi(reportHealth, async (c) => {
    const { reports } = c.req.valid('json');
    const user = c.get('user').id;
    const now = deps.now();
    // Counted in reports, not requests: one request may carry 100.
    const rule = deps.policy.healthReports;
    await enforceRate(deps.db, `health-reports:${user}`, reports.length, rule, now, 'adapter health reports');
    const accepted = await storeHealthReports(deps.db, reports, user, now);
    return c.json({ accepted }, 202);
  });

  const health = createRoute({
    method: 'get',
    path: '/v1/adapters/health',
    summary: 'Per adapter, reports and broken reports over the last `hours`; broken adapters first',
    security: bearerSecurity,
    middleware: [analystsAndAdmins] as const,
    request: { query: AdapterHealthQuery },
    responses: {
      200: { description: 'Adapters reported in the window', content: json(AdapterHealthResponse) },
      ...errorResponses(400, 401, 403),
    },
  });
  app.openapi(health, async (c) => {
    const { hours } = c.req.valid('query');
    const since = new Date(deps.now().getTime() - hours * HOUR_MS);
    return c.json({ adapters: await adapterHealth(deps.db, since) }, 200);
  });

  const list = createRoute({
    method: 'get',
    path: '/v1/adapters',
    summary: 'Adapters changed after revision `since`, oldest change first; disabled adapters included',
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { query: AdapterListQuery },
    responses: {
      200: { description: 'A page of changed adapters', content: json(AdapterListResponse) },
      ...errorResponses(400, 401),
    },
  });
  app.openapi(list, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await listAdapters(deps.db, since, limit), 200);
  });

  const publish = createRoute({
    method: 'put',
    path: '/v1/adapters/{id}',
    summary: 'Publish the next version of an adapter (admin); version must be the stored version + 1',
    security: bearerSecurity,
    middleware: [admin] as const,
    request: { params: idParam, body: { required: true, content: json(SiteAdapter) } },
    responses: {
      200: { description: 'A new version of a known adapter', content: json(AdapterRecord) },
      201: { description: 'A new adapter', content: json(AdapterRecord) },
      ...errorResponses(400, 401, 403, 415),
      409: { ...errorResponses(409)[409], description: 'The version is not the next one' },
    },
  });
  app.openapi(publish, async (c) => {
    const { id } = c.req.valid('param');
    const adapter = c.req.valid('json');
    if (adapter.id !== id) {
      const message = `the body's id "${adapter.id}" differs from the path's "${id}"`;
      throw new ApiError(400, 'invalid_request', message, [{ path: 'id', message }]);
    }
    const result = await publishAdapter(deps.db, adapter, c.get('user').id);
    if (!result.ok) {
      const { currentVersion: n } = result;
      const message =
        n === 0
          ? `Adapter ${id} does not exist yet; publish version 1`
          : `Adapter ${id} is at version ${n}; publish version ${n + 1}`;
      throw new ApiError(409, 'conflict', message);
    }
    if (result.created) return c.json(result.record, 201);
    return c.json(result.record, 200);
  });

  for (const [action, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    const toggle = createRoute({
      method: 'post',
      path: `/v1/adapters/{id}/${action}`,
      summary: `${enabled ? 'Enable' : 'Disable'} an adapter (admin); a new revision tells every extension`,
      security: bearerSecurity,
      middleware: [admin] as const,
      request: { params: idParam },
      responses: {
        200: { description: 'The adapter as it now is', content: json(AdapterRecord) },
        ...errorResponses(400, 401, 403, 404),
      },
    });
    app.openapi(toggle, async (c) => {
      const { id } = c.req.valid('param');
      const record = await setAdapterEnabled(deps.db, id, enabled, c.get('user').id);
      if (!record) throw new ApiError(404, 'not_found', `no adapter "${id}"`);
      return c.json(record, 200);
    });
  }

  const history = createRoute({
    method: 'get',
    path: '/v1/adapters/{id}/history',
    summary: "An adapter's publishes, disables and enables, newest first (admin)",
    security: bearerSecurity,
    middleware: [admin] as const,
    request: { params: idParam },
    responses: {
      200: { description: 'The audit trail', content: json(AdapterHistoryResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(history, async (c) => {
    const { id } = c.req.valid('param');
    const trail = await adapterHistory(deps.db, id);
    if (!trail) throw new ApiError(404, 'not_found', `no adapter "${id}"`);
    return c.json(trail, 200);
  });
}
