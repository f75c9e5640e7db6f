import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './db/client';
import { rateLimits } from './db/schema';
import { ApiError } from './errors';
import type { RateLimit } from './policy';

/** The answer of one take: allowed, or how long until the window ends. */
export type RateDecision = { ok: true; count: number } | { ok: false; retryAfterSeconds: number };

/**
 * Takes `amount` units from `bucket`'s current fixed window, in the database so every API process
 * shares the count. One atomic upsert: it adds only while the sum stays within the limit, so a
 * refused request costs nothing and two processes racing cannot both squeeze past it.
 */
export async function takeRate(
  db: Database,
  bucket: string,
  amount: number,
  rule: RateLimit,
  now: Date,
): Promise<RateDecision> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const refused = (): RateDecision => ({
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)),
  });
  if (amount > rule.limit) return refused();
  const [row] = await db
    .insert(rateLimits)
    .values({ bucket, windowStart, count: amount })
    .onConflictDoUpdate({
      target: [rateLimits.bucket, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + excluded.count` },
      setWhere: sql`${rateLimits.count} + excluded.count <= ${rule.limit}`,
    })
    .returning({ count: rateLimits.count });
  return row ? { ok: true, count: row.count } : refused();
}

/** Like takeRate, but a refusal throws the contract's 429 with Retry-After; `what` names what is limited. */
export async function enforceRate(
  db: Database,
  bucket: string,
  amount: number,
  rule: RateLimit,
  now: Date,
  what: string,
): Promise<void> {
  const decision = await takeRate(db, bucket, amount, rule, now);
  if (decision.ok) return;
  const seconds = decision.retryAfterSeconds;
  throw new ApiError(
    429,
    'rate_limited',
    `too many ${what}: at most ${rule.limit} per ${rule.windowSeconds} s; try again in ${seconds} s`,
    undefined,
    undefined,
    { 'Retry-After': String(seconds) },
  );
}

/** How many units `bucket` has used in the window containing `now` (for tests and diagnostics). */
export async function rateUsed(db: Database, bucket: string, rule: RateLimit, now: Date): Promise<number> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.bucket, bucket), eq(rateLimits.windowStart, windowStart)));
  return row?.count ?? 0;
}
