import { createRoute, z } from '@hono/zod-openapi';
import { CreateTokenRequest, CreateUserRequest, MeResponse, TokenResponse, UserId, UserResponse } from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles } from '../auth';
import { ApiError, errorResponses } from '../errors';
import { createToken, createUser, findUser } from '../users';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

/** Registers GET /v1/me, POST /v1/users and POST /v1/users/{id}/tokens. */
export function registerUserRoutes(app: Api, deps: RouteDeps): void {
  const anyone = requireRoles(deps.db, deps.now, ALL_ROLES);
  const admin = requireRoles(deps.db, deps.now, ['admin']);

  const me = createRoute({
    method: 'get',
    path: '/v1/me',
    summary: 'The caller',
    security: bearerSecurity,
    middleware: [anyone] as const,
    responses: { 200: { description: 'The caller', content: json(MeResponse) }, ...errorResponses(401) },
  });
  app.openapi(me, (c) => c.json({ user: c.get('user') }, 200));

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

  const token = createRoute({
    method: 'post',
    path: '/v1/users/{id}/tokens',
    summary: 'Create an API token for a user (admin); the token is shown only in this response',
    security: bearerSecurity,
    middleware: [admin] as const,
    request: {
      params: z.object({ id: UserId }),
      body: { required: false, content: json(CreateTokenRequest) },
    },
    responses: {
      201: { description: 'Created', content: json(TokenResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(token, async (c) => {
    const { id } = c.req.valid('param');
    // Without a body the validator is skipped, so the contract's default label is applied here.
    const { label } = CreateTokenRequest.parse(c.req.valid('json') ?? {});
    const user = await findUser(deps.db, id);
    if (!user) throw new ApiError(404, 'not_found', `no user "${id}"`);
    return c.json(await createToken(deps.db, user, label), 201);
  });
}
