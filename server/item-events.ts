import { and, desc, eq, sql } from 'drizzle-orm';
import type { EventKind, ItemEventsResponse, ItemRef, QualityEvent, User, Verdict } from '../contract';
import { seesAllActors } from './auth';
import type { Database } from './db/client';
import { qualityEvents } from './db/schema';

/** Where a page of history ends: the last event's time and id (ids break ties of equal times). */
interface Position {
  at: Date;
  id: string;
}

/** A cursor is the position as base64url JSON: opaque to clients, checked on the way in. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

/** The position a cursor names, or null when it is not one this server made. */
export function decodeCursor(cursor: string): Position | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string') return null;
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? null : { at: date, id };
  } catch {
    return null;
  }
}

/**
 * One page of an item's events, newest first, read by keyset from the
 * (site, item_key, occurred_at desc, id desc) index: page N costs what page 1 costs.
 */
export async function itemEvents(
  db: Database,
  ref: ItemRef,
  limit: number,
  after: Position | null,
  viewer: User,
): Promise<ItemEventsResponse> {
  const e = qualityEvents;
  const older = after
    ? sql`(${e.occurredAt}, ${e.id}) < (${after.at.toISOString()}::timestamptz, ${after.id})`
    : undefined;
  // One row more than asked tells whether another page exists.
  const rows = await db
    .select()
    .from(e)
    .where(and(eq(e.site, ref.site), eq(e.itemKey, ref.itemKey), older))
    .orderBy(desc(e.occurredAt), desc(e.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    site: ref.site,
    itemKey: ref.itemKey,
    events: page.map((row) => toEvent(row, viewer)),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null,
  };
}

function toEvent(row: typeof qualityEvents.$inferSelect, viewer: User): QualityEvent {
  return {
    id: row.id,
    kind: row.kind as EventKind,
    site: row.site,
    itemKey: row.itemKey,
    queue: row.queue,
    policy: row.policy,
    decision: row.decision,
    verdict: row.verdict as Verdict,
    correctedDecision: row.correctedDecision,
    // Moderators see their own decisions only: everyone else's actor is withheld.
    actor: seesAllActors(viewer) || row.actor === viewer.id ? row.actor : null,
    auditor: row.auditor,
    occurredAt: row.occurredAt.toISOString(),
    guidelineVersion: row.guidelineVersion,
    note: row.note,
  };
}
