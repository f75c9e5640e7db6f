import { createRoute } from '@hono/zod-openapi';
import { DemoSignInRequest, DemoUsersResponse, TokenResponse, type User } from '../../contract';
import { ApiError, errorResponses } from '../errors';
import { enforceRate } from '../rate-limit';
import { createToken } from '../tokens';
import { upsertUsers } from '../users';
import type { Api, RouteDeps } from './types';

const listUsers = createRoute({
  method: 'get',
  path: '/v1/demo/users',
  summary: 'Demo mode only: the users one may sign in as',
  responses: {
    200: { description: 'Demo users', content: { 'application/json': { schema: DemoUsersResponse } } },
    ...errorResponses(404),
  },
});

const signIn = createRoute({
  method: 'post',
  path: '/v1/demo/sign-in',
  summary:
    'Demo mode only: a short-lived token for one of the demo users, without a pasted token (rate-limited per address)',
  request: { body: { required: true, content: { 'application/json': { schema: DemoSignInRequest } } } },
  responses: {
    200: { description: 'A fresh token', content: { 'application/json': { schema: TokenResponse } } },
    ...errorResponses(400, 404, 429),
  },
});

function demoUsersOrThrow(deps: RouteDeps): User[] {
  if (!deps.demoUsers) {
    throw new ApiError(404, 'demo_disabled', 'demo mode is off on this server: ask an admin for a token');
  }
  return deps.demoUsers;
}

/** Registers the demo sign-in routes; they answer 404 unless the server runs with demo users. */
export function registerDemoRoutes(app: Api, deps: RouteDeps): void {
  app.openapi(listUsers, (c) => c.json({ users: demoUsersOrThrow(deps) }, 200));

  app.openapi(signIn, async (c) => {
    const { userId } = c.req.valid('json');
    const user = demoUsersOrThrow(deps).find((candidate) => candidate.id === userId);
    if (!user) throw new ApiError(404, 'not_found', `"${userId}" is not one of the demo users`);
    const now = deps.now();
    // Each sign-in writes a token row without any credential, so the address is what is limited.
    const bucket = `demo-sign-in:${deps.clientAddress(c)}`;
    await enforceRate(deps.db, bucket, 1, deps.policy.demoSignIns, now, 'demo sign-ins from this address');
    // The demo user may not be seeded yet (fresh database); the token needs its row.
    await upsertUsers(deps.db, [user]);
    const spec = { label: 'demo sign-in', days: deps.policy.demoTokenTtlDays, now, demo: true };
    return c.json(await createToken(deps.db, user, spec), 200);
  });
}
