import { createRoute } from '@hono/zod-openapi';
import { HealthResponse } from '../../contract';
import type { Api, RouteDeps } from './types';

const health = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness, version and database kind (no auth)',
  responses: {
    200: { description: 'The server is up', content: { 'application/json': { schema: HealthResponse } } },
  },
});

/** Registers GET /health. */
export function registerHealthRoutes(app: Api, deps: RouteDeps): void {
  app.openapi(health, (c) =>
    c.json({ status: 'ok' as const, version: deps.version, database: deps.kind, demo: deps.demoUsers != null }, 200),
  );
}
