import { createRoute, z } from '@hono/zod-openapi';
import { CreateTokenRequest, TokenId, TokenInfo, TokenListResponse, TokenResponse, UserId } from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles } from '../auth';
import { ApiError, errorResponses } from '../errors';
import { createToken, findToken, listTokens, revokeToken } from '../tokens';
import { findUser } from '../users';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

/** Registers token minting, listing and revoking: one's own under /v1/tokens, anyone's (admin) under /v1/users. */
export function registerTokenRoutes(app: Api, deps: RouteDeps): void {
  const anyone = requireRoles(deps.db, deps.now, ALL_ROLES);
  const admin = requireRoles(deps.db, deps.now, ['admin']);

  const mine = createRoute({
    method: 'get',
    path: '/v1/tokens',
    summary: "The caller's tokens, newest first, expired and revoked ones included until pruned; never a token or hash",
    security: bearerSecurity,
    middleware: [anyone] as const,
    responses: { 200: { description: 'Tokens', content: json(TokenListResponse) }, ...errorResponses(401) },
  });
  app.openapi(mine, async (c) => c.json({ tokens: await listTokens(deps.db, c.get('user').id) }, 200));

  const revoke = createRoute({
    method: 'delete',
    path: '/v1/tokens/{id}',
    summary: "Revoke a token: one's own (the current one included) or, for admins, anyone's",
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { params: z.object({ id: TokenId }) },
    responses: {
      200: { description: 'The token, now revoked', content: json(TokenInfo) },
      ...errorResponses(400, 401, 404),
    },
  });
  app.openapi(revoke, async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user');
    const token = await findToken(deps.db, id);
    // Someone else's token reads as unknown: ids must not be probed for existence.
    if (!token || (token.userId !== user.id && !user.roles.includes('admin'))) {
      throw new ApiError(404, 'not_found', `no token "${id}" of yours`);
    }
    return c.json((await revokeToken(deps.db, id, deps.now()))!, 200);
  });

  const userParams = z.object({ id: UserId });

  const ofUser = createRoute({
    method: 'get',
    path: '/v1/users/{id}/tokens',
    summary: "A user's tokens (admin), newest first; never a token or hash",
    security: bearerSecurity,
    middleware: [admin] as const,
    request: { params: userParams },
    responses: {
      200: { description: 'Tokens', content: json(TokenListResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(ofUser, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await findUser(deps.db, id))) throw new ApiError(404, 'not_found', `no user "${id}"`);
    return c.json({ tokens: await listTokens(deps.db, id) }, 200);
  });

  const mint = createRoute({
    method: 'post',
    path: '/v1/users/{id}/tokens',
    summary: 'Create an API token for a user (admin); the token is shown only in this response',
    security: bearerSecurity,
    middleware: [admin] as const,
    request: {
      params: userParams,
      body: { required: false, content: json(CreateTokenRequest) },
    },
    responses: {
      201: { description: 'Created', content: json(TokenResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(mint, async (c) => {
    const { id } = c.req.valid('param');
    // Without a body the validator is skipped, so the contract's default label is applied here.
    const { label, days } = CreateTokenRequest.parse(c.req.valid('json') ?? {});
    const user = await findUser(deps.db, id);
    if (!user) throw new ApiError(404, 'not_found', `no user "${id}"`);
    const spec = { label, days: days ?? deps.policy.tokenTtlDays, now: deps.now() };
    return c.json(await createToken(deps.db, user, spec), 201);
  });
}
