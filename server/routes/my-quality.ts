import { createRoute } from '@hono/zod-openapi';
import { MyQualityParams, MyQualityQuery, MyQualityResponse } from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles, seesAllActors } from '../auth';
import { ApiError, errorResponses } from '../errors';
import { myQuality } from '../my-quality';
import type { Api, RouteDeps } from './types';

/** PostgreSQL's invalid_parameter_value, which "time zone … not recognized" raises. */
const INVALID_PARAMETER_VALUE = '22023';

/** Registers GET /v1/users/{id}/quality. */
export function registerMyQualityRoutes(app: Api, deps: RouteDeps): void {
  const route = createRoute({
    method: 'get',
    path: '/v1/users/{id}/quality',
    summary: "A moderator's or evaluator's own accuracy by policy and ISO week (themselves, analysts and admins)",
    description:
      'QA audits and gold checks of the decisions whose actor is {id}: correct against all (partially correct is ' +
      'not correct), over the last `weeks` ISO weeks of `tz`, the current one included. A moderator or evaluator ' +
      "may read only their own; another person's answer is 403.",
    security: bearerSecurity,
    middleware: [requireRoles(deps.db, deps.now, ALL_ROLES)] as const,
    request: { params: MyQualityParams, query: MyQualityQuery },
    responses: {
      200: { description: 'Accuracy', content: { 'application/json': { schema: MyQualityResponse } } },
      ...errorResponses(400, 401, 403),
    },
  });
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { weeks, tz } = c.req.valid('query');
    const caller = c.get('user');
    if (caller.id !== id && !seesAllActors(caller)) {
      throw new ApiError(403, 'forbidden', 'moderators and evaluators may read only their own quality figures');
    }
    try {
      return c.json(await myQuality(deps.db, { userId: id, weeks, tz, now: deps.now() }), 200);
    } catch (error) {
      // The runtime's zone list and the database's can differ; the database has the last word.
      if ((error as { code?: string }).code === INVALID_PARAMETER_VALUE) {
        const message = `the database does not know the time zone "${tz}"`;
        throw new ApiError(400, 'invalid_request', `invalid request: tz: ${message}`, [{ path: 'tz', message }]);
      }
      throw error;
    }
  });
}
