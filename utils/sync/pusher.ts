import { ApiError, type ApiClient } from '../api/client';
import type { AppDB, OutboxEntry } from '../db/app-db';
import { MAX_DEFER_MS, nextDueIn, settle, type Settlement } from './outbox';
import type { AnyOutboxCollection, PushResult } from './outbox-collection';
import { OUTBOX_COLLECTIONS } from './outbox-collections';
import { readBatch, type BatchLimits, type PushItem } from './outbox-reader';
import { clearPause, pauseAfterFailure, pauseLeft, PUSH_BACKOFF } from './push-pause';
import { fullJitterDelay, retryAfterMs } from './retry-delay';

/** A 429 without a readable Retry-After waits this long. */
const RATE_LIMIT_DEFAULT_MS = 30_000;

export interface PushDeps extends BatchLimits {
  now?: () => number;
  random?: () => number;
  /** The collections pushed, in order; every collection that shares the outbox when left out. */
  collections?: readonly AnyOutboxCollection[];
}

/** What one push run did. */
export interface PushSummary {
  created: number;
  duplicate: number;
  rejected: number;
  /** Set when the run stopped on a failure a retry can fix (offline, 5xx, 429, signed out), or waits out one. */
  stoppedBy: string | null;
}

/** What one request settled, and the failure that stopped it (its records unsettled) if any. */
interface BatchOutcome {
  settlements: Settlement[];
  failed: { items: PushItem[]; error: ApiError } | null;
}

/**
 * Pushes one owner's due outbox entries, collection by collection, each to its own route in batches,
 * until none is due or a failure says to stop. Per record: created or duplicate → sent (with its
 * revision, where the collection has them); rejected → rejected with the API's reason, out of the
 * outbox for good. A network error or a 5xx keeps the batch and pauses pushing with full-jitter
 * backoff; a 429 pauses it as long as Retry-After says. The pause is the whole outbox's (one API
 * behind every route). A request the API refuses as a whole (400, 413, …) is split in halves until
 * the one record it refuses is found and rejected.
 */
export async function pushOutbox(
  db: AppDB,
  api: ApiClient,
  ownerId: string,
  { now = Date.now, random = Math.random, collections = OUTBOX_COLLECTIONS, ...limits }: PushDeps = {},
): Promise<PushSummary> {
  const summary: PushSummary = { created: 0, duplicate: 0, rejected: 0, stoppedBy: null };
  // Only a failed push in this run sets a pause, and the run ends there: one look is enough.
  if ((await pauseLeft(db, ownerId, now())) > 0) {
    summary.stoppedBy = 'waiting after a failed push';
    return summary;
  }
  const run: PushRun = { db, api, ownerId, now, random, limits, summary, failuresForgotten: false };
  for (const collection of collections) {
    if (!(await pushCollection(run, collection))) return summary;
  }
  return summary;
}

/** One push run's state, shared by the collections it serves. */
interface PushRun {
  db: AppDB;
  api: ApiClient;
  ownerId: string;
  now: () => number;
  random: () => number;
  limits: BatchLimits;
  summary: PushSummary;
  /** Whether this run has already cleared the pause left by earlier failures. */
  failuresForgotten: boolean;
}

/** Pushes one collection's due entries; false when a failure stopped the run (`summary.stoppedBy` says which). */
async function pushCollection(run: PushRun, collection: AnyOutboxCollection): Promise<boolean> {
  const { db, api, ownerId, now, random, summary } = run;
  for (;;) {
    const batch = await readBatch(db, collection, ownerId, now(), run.limits);
    if (batch.length === 0) return true;
    const { settlements, failed } = await pushBatch(collection, api, batch);
    const deferred = failed ? await deferAfterFailure(db, ownerId, failed, now(), random) : [];
    if (!failed && !run.failuresForgotten && settlements.some((s) => s.kind !== 'deferred')) {
      await clearPause(db);
      run.failuresForgotten = true;
    }
    await settle(db, collection, [...settlements.map((s) => withBackoff(s, now(), random)), ...deferred]);
    for (const s of settlements) {
      if (s.kind === 'stored') summary[s.outcome] += 1;
      if (s.kind === 'rejected') summary.rejected += 1;
    }
    if (failed) {
      summary.stoppedBy = describe(failed.error);
      return false;
    }
  }
}

/** Milliseconds until the owner's outbox should be pushed again: 0 for now, null when it is empty. */
export async function nextPushIn(db: AppDB, ownerId: string, now: number): Promise<number | null> {
  const due = await nextDueIn(db, ownerId, now);
  return due === null ? null : Math.max(due, await pauseLeft(db, ownerId, now));
}

async function pushBatch(collection: AnyOutboxCollection, api: ApiClient, batch: PushItem[]): Promise<BatchOutcome> {
  try {
    const results = await collection.push(
      api,
      batch.map((item) => item.input),
    );
    return {
      settlements: batch.map((item, index) => settleResult(collection, item.entry, results[index])),
      failed: null,
    };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (!refusedAsAWhole(error)) return { settlements: [], failed: { items: batch, error } };
    if (batch.length === 1) {
      const rejection = { code: 'refused' as const, message: error.message, details: [] };
      return { settlements: [{ entry: batch[0]!.entry, kind: 'rejected', rejection }], failed: null };
    }
    // One record the API cannot take must not hold back the others: find it by halving.
    const middle = Math.ceil(batch.length / 2);
    const first = await pushBatch(collection, api, batch.slice(0, middle));
    if (first.failed) {
      return {
        settlements: first.settlements,
        failed: { ...first.failed, items: [...first.failed.items, ...batch.slice(middle)] },
      };
    }
    const second = await pushBatch(collection, api, batch.slice(middle));
    return { settlements: [...first.settlements, ...second.settlements], failed: second.failed };
  }
}

/** The answer for one record, matched by position and checked by id (a mismatch is retried, never guessed). */
function settleResult(collection: AnyOutboxCollection, entry: OutboxEntry, result: PushResult | undefined): Settlement {
  if (!result || result.id !== entry.id) return unanswered(entry, `the API did not answer for this ${collection.noun}`);
  if (result.outcome === 'rejected') {
    const rejection = {
      code: result.code ?? 'refused',
      message: result.message ?? `the API refused this ${collection.noun}`,
      details: result.details ?? [],
    };
    return { entry, kind: 'rejected', rejection };
  }
  if (!collection.revisions) return { entry, kind: 'stored', outcome: result.outcome, revision: null };
  if (result.revision === undefined) return unanswered(entry, `"${result.outcome}" came without a revision`);
  return { entry, kind: 'stored', outcome: result.outcome, revision: result.revision };
}

/** A record the answer left out: tried again later on its own backoff (set by withBackoff). */
function unanswered(entry: OutboxEntry, error: string): Settlement {
  return { entry, kind: 'deferred', nextAttemptAt: Number.NaN, error, countAttempt: true };
}

function withBackoff(settlement: Settlement, now: number, random: () => number): Settlement {
  if (settlement.kind !== 'deferred' || !Number.isNaN(settlement.nextAttemptAt)) return settlement;
  // At least a second: an entry due again at once would be read again by the same run.
  const wait = Math.max(1_000, fullJitterDelay(settlement.entry.attempts, { ...PUSH_BACKOFF, random }));
  return { ...settlement, nextAttemptAt: now + wait };
}

/** 4xx that no retry of the same request can change; 401/403 are the session's, not the records'. */
function refusedAsAWhole(error: ApiError): boolean {
  return error.status >= 400 && error.status < 500 && ![401, 403, 408, 425, 429].includes(error.status);
}

/**
 * Pauses the owner's pushes after `failed` and notes the failure on its records' entries. Their
 * own next try stays as it was: the pause, one row, gates the whole outbox, and coming back online
 * lifts it without touching every entry.
 */
async function deferAfterFailure(
  db: AppDB,
  ownerId: string,
  failed: NonNullable<BatchOutcome['failed']>,
  now: number,
  random: () => number,
): Promise<Settlement[]> {
  const { error } = failed;
  const asked =
    error.status === 429
      ? ((error.retryAfter && retryAfterMs(error.retryAfter, now, MAX_DEFER_MS)) ?? RATE_LIMIT_DEFAULT_MS)
      : null;
  await pauseAfterFailure(db, ownerId, { now, random, asked });
  // A 429 or a lost session says nothing about the records: their own count does not grow.
  const countAttempt = ![401, 403, 429].includes(error.status);
  return failed.items.map(({ entry }) => ({
    entry,
    kind: 'deferred',
    nextAttemptAt: entry.nextAttemptAt,
    error: describe(error),
    countAttempt,
  }));
}

function describe(error: ApiError): string {
  return error.status === 0 ? error.message : `HTTP ${error.status}: ${error.message}`;
}
