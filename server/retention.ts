import { lt, or } from 'drizzle-orm';
import type { Database } from './db/client';
import { adapterHealthReports, apiTokens, rateLimits } from './db/schema';
import { daysAfter, type ServerPolicy } from './policy';

/** How many rows one prune removed, per table. */
export interface PruneResult {
  tokens: number;
  healthReports: number;
  rateLimits: number;
}

/**
 * Deletes rows past their policy: tokens expired or revoked longer than the grace period ago,
 * adapter health reports older than the retention, and rate-limit windows that have ended.
 * Plain idempotent DELETEs, so any API process (or the CLI) may run it at any time, concurrently.
 */
export async function pruneExpired(db: Database, policy: ServerPolicy, now: Date): Promise<PruneResult> {
  const tokenCutoff = daysAfter(now, -policy.tokenGraceDays);
  const tokens = await db
    .delete(apiTokens)
    .where(or(lt(apiTokens.expiresAt, tokenCutoff), lt(apiTokens.revokedAt, tokenCutoff)))
    .returning({ id: apiTokens.id });
  const healthReports = await db
    .delete(adapterHealthReports)
    .where(lt(adapterHealthReports.reportedAt, daysAfter(now, -policy.healthRetentionDays)))
    .returning({ id: adapterHealthReports.id });
  const longestWindowMs = Math.max(policy.healthReports.windowSeconds, policy.demoSignIns.windowSeconds) * 1000;
  const windows = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - longestWindowMs)))
    .returning({ bucket: rateLimits.bucket });
  return { tokens: tokens.length, healthReports: healthReports.length, rateLimits: windows.length };
}

/** Prunes now and then every `intervalMs`; the timer never keeps the process alive; stop() awaits a running prune. */
export function schedulePruning(
  db: Database,
  policy: ServerPolicy,
  { intervalMs = 3_600_000, now = () => new Date() }: { intervalMs?: number; now?: () => Date } = {},
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    // A failed prune (database briefly away) is retried at the next tick; it must not crash the API.
    running = pruneExpired(db, policy, now()).catch((error: unknown) =>
      console.error('pruning expired rows failed:', error instanceof Error ? error.message : error),
    );
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
