import { createRoute, z } from '@hono/zod-openapi';
import { CreateUserRequest, MeResponse, UserResponse } from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles } from '../auth';
import { ApiError, errorResponses } from '../errors';
import { createUser } from '../users';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

/** Registers GET /v1/me and POST /v1/users. */
export function registerUserRoutes(app: Api, deps: RouteDeps): void {
  const anyone = requireRoles(deps.db, deps.now, ALL_ROLES);
  const admin = requireRoles(deps.db, deps.now, ['admin']);

  const me = createRoute({
    method: 'get',
    path: '/v1/me',
    summary: 'The caller, and the token it called with (so a client can say when it expires)',
    security: bearerSecurity,
    middleware: [anyone] as const,
    responses: { 200: { description: 'The caller', content: json(MeResponse) }, ...errorResponses(401) },
  });
  app.openapi(me, (c) => c.json({ user: c.get('user'), token: c.get('token') }, 200));

  const create = createRoute({
    method: 'post',
    path: '/v1/users',
    summary: 'Create a user (admin)',
    security: bearerSecurity,
    middleware: [admin] as const,
    request: { body: { required: true, content: json(CreateUserRequest) } },
    responses: {
      201: { description: 'Created', content: json(UserResponse) },
      ...errorResponses(400, 401, 403, 409),
    },
  });
  app.openapi(create, async (c) => {
    const user = c.req.valid('json');
    if (!(await createUser(deps.db, user))) {
      throw new ApiError(409, 'conflict', `user "${user.id}" already exists`);
    }
    return c.json({ user }, 201);
  });
}
