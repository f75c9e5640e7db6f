import { createRoute } from '@hono/zod-openapi';
import { LivenessResponse } from '../../contract';
import type { Api, RouteDeps } from './types';

// The URL stays /health: READMEs, deployments and load balancers probe it.
const liveness = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness, version and database kind (no auth); adapter health is /v1/adapters/health',
  responses: {
    200: { description: 'The server is up', content: { 'application/json': { schema: LivenessResponse } } },
  },
});

/** Registers GET /health, the API's liveness probe. */
export function registerLivenessRoutes(app: Api, deps: RouteDeps): void {
  app.openapi(liveness, (c) =>
    c.json({ status: 'ok' as const, version: deps.version, database: deps.kind, demo: deps.demoUsers != null }, 200),
  );
}
