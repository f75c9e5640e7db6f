import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Role, TokenResponse, User } from '../contract';
import type { Database } from './db/client';
import { apiTokens, users } from './db/schema';

/** Tokens carry a prefix so a leaked one is recognisable by secret scanners. */
const TOKEN_PREFIX = 'qal_';
/** last_used_at is a hint for admins, so one write a minute per token is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** SHA-256 hex of a token, the only form the database keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new random token: 32 bytes, base64url, prefixed. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

function toUser(row: { id: string; name: string; roles: string[] }): User {
  return { id: row.id, name: row.name, roles: row.roles as Role[] };
}

/** Reads one user, or null when the id is unknown. */
export async function findUser(db: Database, id: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ? toUser(row) : null;
}

/** Inserts a user; returns false when the id is taken. */
export async function createUser(db: Database, user: User): Promise<boolean> {
  const inserted = await db
    .insert(users)
    .values({ id: user.id, name: user.name, roles: user.roles })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length > 0;
}

/** Inserts or updates users (name and roles), as seeding and demo sign-in need. */
export async function upsertUsers(db: Database, list: User[]): Promise<void> {
  for (const user of list) {
    await db
      .insert(users)
      .values({ id: user.id, name: user.name, roles: user.roles })
      .onConflictDoUpdate({ target: users.id, set: { name: user.name, roles: user.roles } });
  }
}

/** Creates a token for an existing user; the plaintext is in the result and nowhere else. */
export async function createToken(db: Database, user: User, label: string): Promise<TokenResponse> {
  const token = generateToken();
  const tokenId = `tok_${randomUUID()}`;
  await db.insert(apiTokens).values({ id: tokenId, userId: user.id, label, tokenHash: hashToken(token) });
  return { token, tokenId, user };
}

/** The user a bearer token belongs to, or null when it is unknown or revoked. */
export async function resolveToken(db: Database, token: string, now: Date): Promise<User | null> {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      name: users.name,
      roles: users.roles,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return toUser(row);
}
