import type { MiddlewareHandler } from 'hono';
import { Role, type CurrentToken, type User } from '../contract';
import type { Database } from './db/client';
import { ApiError } from './errors';
import { resolveToken } from './tokens';

/** Hono environment of every route: the server's mode, then the authenticated caller once auth has run. */
export interface AppEnv {
  Variables: {
    user: User;
    /** The token the caller authenticated with. */
    token: CurrentToken;
    /** Set by createApp for every request: demo sign-in tokens are honoured only while true. */
    demoMode: boolean;
  };
}

/** Every role; routes open to any signed-in user admit these. */
export const ALL_ROLES: readonly Role[] = Role.options;

/** The `security` entry routes declare, naming the scheme registered in app.ts. */
export const bearerSecurity = [{ bearer: [] }];

/** Middleware admitting a valid bearer token whose user holds one of `roles`. */
export function requireRoles(db: Database, now: () => Date, roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw new ApiError(401, 'unauthorized', 'missing bearer token: send "Authorization: Bearer <token>"');
    }
    // Unset only when a route is mounted outside createApp; refusing demo tokens then is the safe side.
    const check = await resolveToken(db, match[1], now(), { demoMode: c.get('demoMode') === true });
    if (!check.ok) throw new ApiError(401, 'unauthorized', check.reason);
    if (!check.user.roles.some((role) => roles.includes(role))) {
      throw new ApiError(403, 'forbidden', `this route needs one of the roles: ${roles.join(', ')}`);
    }
    c.set('user', check.user);
    c.set('token', check.token);
    await next();
  };
}

/** Moderators and evaluators see other people's decisions anonymised. */
export function seesAllActors(user: User): boolean {
  return user.roles.includes('analyst') || user.roles.includes('admin');
}
