import { createRoute } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { ItemEventsQuery, ItemEventsResponse, LookupRequest, LookupResponse } from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles } from '../auth';
import { ApiError, errorResponses } from '../errors';
import { decodeCursor, itemEvents } from '../item-events';
import { lookupSummariesJson } from '../lookup';
import type { Api, RouteDeps } from './types';

/** Registers POST /v1/items/lookup and GET /v1/items/events. */
export function registerItemRoutes(app: Api, deps: RouteDeps): void {
  const anyone = requireRoles(deps.db, deps.now, ALL_ROLES);

  const lookup = createRoute({
    method: 'post',
    path: '/v1/items/lookup',
    summary: 'Quality summaries for a batch of items, in request order (what badges show)',
    security: bearerSecurity,
    middleware: [anyone] as const,
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
    const { items } = c.req.valid('json');
    // The database builds the items' JSON (see lookupSummariesJson); the envelope is added around it.
    const body = `{"items":${await lookupSummariesJson(deps.db, items)},"fetchedAt":"${deps.now().toISOString()}"}`;
    return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<
      LookupResponse,
      200,
      'json'
    >;
  });

  const events = createRoute({
    method: 'get',
    path: '/v1/items/events',
    summary: "One page of an item's quality events, newest first; pass `nextCursor` as `cursor` for older ones",
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { query: ItemEventsQuery },
    responses: {
      200: { description: 'A page of events', content: { 'application/json': { schema: ItemEventsResponse } } },
      ...errorResponses(400, 401),
    },
  });
  app.openapi(events, async (c) => {
    const { site, itemKey, limit, cursor } = c.req.valid('query');
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && !after) {
      const message = 'cursor: not a cursor from a previous page';
      throw new ApiError(400, 'invalid_request', message, [{ path: 'cursor', message }]);
    }
    return c.json(await itemEvents(deps.db, { site, itemKey }, limit, after, c.get('user')), 200);
  });
}
