import type { MiddlewareHandler } from 'hono';
import { Role, type User } from '../contract';
import type { Database } from './db/client';
import { ApiError } from './errors';
import { resolveToken } from './users';

/** Hono environment of every route: the authenticated caller, once auth has run. */
export interface AppEnv {
  Variables: { user: User };
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
    const user = await resolveToken(db, match[1], now());
    if (!user) throw new ApiError(401, 'unauthorized', 'unknown or revoked token');
    if (!user.roles.some((role) => roles.includes(role))) {
      throw new ApiError(403, 'forbidden', `this route needs one of the roles: ${roles.join(', ')}`);
    }
    c.set('user', user);
    await next();
  };
}

/** Moderators and evaluators see other people's decisions anonymised. */
export function seesAllActors(user: User): boolean {
  return user.roles.includes('analyst') || user.roles.includes('admin');
}
