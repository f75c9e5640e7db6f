import { createRoute } from '@hono/zod-openapi';
import { LookupRequest, LookupResponse } from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles } from '../auth';
import { errorResponses } from '../errors';
import { lookupItems } from '../lookup';
import type { Api, RouteDeps } from './types';

/** Registers POST /v1/items/lookup. */
export function registerItemRoutes(app: Api, deps: RouteDeps): void {
  const lookup = createRoute({
    method: 'post',
    path: '/v1/items/lookup',
    summary: 'Summaries and newest events for a batch of items, in request order',
    security: bearerSecurity,
    middleware: [requireRoles(deps.db, deps.now, ALL_ROLES)] as const,
    request: { body: { required: true, content: { 'application/json': { schema: LookupRequest } } } },
    responses: {
      200: {
        description: 'One result per requested item',
        content: { 'application/json': { schema: LookupResponse } },
      },
      ...errorResponses(400, 401, 415),
    },
  });

  app.openapi(lookup, async (c) => {
    const { items, eventsLimit } = c.req.valid('json');
    const results = await lookupItems(deps.db, items, eventsLimit, c.get('user'));
    return c.json({ items: results, fetchedAt: deps.now().toISOString() }, 200);
  });
}
