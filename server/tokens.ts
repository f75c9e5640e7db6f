import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { CurrentToken, TokenInfo, TokenResponse, User } from '../contract';
import type { Database } from './db/client';
import { apiTokens, users } from './db/schema';
import { daysAfter } from './policy';
import { toUser } from './users';

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

export interface NewToken {
  label: string;
  /** Lifetime from `now`. */
  days: number;
  now: Date;
  /** Minted by demo sign-in. */
  demo?: boolean;
}

/** Creates a token for an existing user; the plaintext is in the result and nowhere else. */
export async function createToken(db: Database, user: User, spec: NewToken): Promise<TokenResponse> {
  const token = generateToken();
  const tokenId = `tok_${randomUUID()}`;
  const expiresAt = daysAfter(spec.now, spec.days);
  await db.insert(apiTokens).values({
    id: tokenId,
    userId: user.id,
    label: spec.label,
    tokenHash: hashToken(token),
    createdAt: spec.now,
    expiresAt,
    demo: spec.demo ?? false,
  });
  return { token, tokenId, expiresAt: expiresAt.toISOString(), user };
}

/** What a bearer token proves: its user and itself, or why it proves nothing. */
export type TokenCheck = { ok: true; user: User; token: CurrentToken } | { ok: false; reason: string };

/** Checks a bearer token at `now`; demo sign-in tokens count only while `demoMode` is on. */
export async function resolveToken(
  db: Database,
  token: string,
  now: Date,
  { demoMode }: { demoMode: boolean },
): Promise<TokenCheck> {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      label: apiTokens.label,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
      demo: apiTokens.demo,
      id: users.id,
      name: users.name,
      roles: users.roles,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  if (!row) return { ok: false, reason: 'unknown token' };
  if (row.revokedAt) return { ok: false, reason: `token revoked on ${row.revokedAt.toISOString()}` };
  if (row.expiresAt <= now) return { ok: false, reason: `token expired on ${row.expiresAt.toISOString()}` };
  if (row.demo && !demoMode) {
    return {
      ok: false,
      reason: 'this token came from demo sign-in and demo mode is off on this server: ask an admin for a token',
    };
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return {
    ok: true,
    user: toUser(row),
    token: { id: row.tokenId, label: row.label, expiresAt: row.expiresAt.toISOString() },
  };
}

const infoColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  label: apiTokens.label,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  demo: apiTokens.demo,
};

function toInfo(row: {
  [K in keyof typeof infoColumns]: (typeof apiTokens.$inferSelect)[K];
}): TokenInfo {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** A user's tokens not yet pruned (expired and revoked ones included), newest first; never a hash. */
export async function listTokens(db: Database, userId: string): Promise<TokenInfo[]> {
  const rows = await db
    .select(infoColumns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(toInfo);
}

/** One token's public fields, or null when the id is unknown. */
export async function findToken(db: Database, id: string): Promise<TokenInfo | null> {
  const [row] = await db.select(infoColumns).from(apiTokens).where(eq(apiTokens.id, id));
  return row ? toInfo(row) : null;
}

/** Revokes a token at `now` (a second revoke keeps the first time); null when the id is unknown. */
export async function revokeToken(db: Database, id: string, now: Date): Promise<TokenInfo | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(apiTokens.id, id))
    .returning(infoColumns);
  return row ? toInfo(row) : null;
}
