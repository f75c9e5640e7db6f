import type { EntityTable, Table } from 'dexie';
import type { ErrorDetail, SyncPushOutcome } from '../../contract';
import type { ApiClient } from '../api/client';
import type { AppDB, OutboxCollectionName, Rejection } from '../db/app-db';

/** One record's answer in a push, as every sync push route gives it (in request order). */
export interface PushResult {
  /** The id as sent; null when the API could not read one. */
  id: string | null;
  outcome: SyncPushOutcome;
  /** The revision the record has now, for collections whose records have one. */
  revision?: number;
  code?: string;
  message?: string;
  details?: ErrorDetail[];
}

/** What every record the outbox delivers has: a client-made id, and the user it is pushed as. */
export interface OutboxRecord {
  id: string;
  ownerId: string;
}

/**
 * How one kind of record travels through the outbox: where it lives, what its push input is, which
 * route takes it, and what the API's answer makes of it. Reading batches, pushing them (backoff,
 * Retry-After, halving a batch refused as a whole) and settling the answers are the same for every
 * collection (utils/sync/pusher.ts); this is all that differs.
 */
export interface OutboxCollection<R extends OutboxRecord = OutboxRecord, Input = unknown> {
  name: OutboxCollectionName;
  /** What one record is called in the errors kept on its outbox entry ("report", "answer"). */
  noun: string;
  /** Most records one push carries (the route's limit). */
  maxRecords: number;
  /** About the most JSON one push carries; one record larger than that still goes, on its own. */
  maxBytes: number;
  /** Whether "created" and "duplicate" must come with the revision the API assigned. */
  revisions: boolean;
  /** The table the records live in. */
  table(db: AppDB): EntityTable<R, 'id'>;
  /** A stored record as the route takes it: the same content on every try, as the API requires. */
  pushInput(db: AppDB, record: R): Promise<Input> | Input;
  /** Sends one batch; the API answers once per record, in order. */
  push(api: ApiClient, inputs: Input[]): Promise<PushResult[]>;
  /** The record once the API holds it (`revision` is null for collections without revisions). */
  sent(record: R, revision: number | null): R;
  /** The record once the API refused it for good, with the reason it gave. */
  rejected(record: R, rejection: Rejection): R;
}

/** A collection with its record and input types forgotten, to be listed with the others. */
export type AnyOutboxCollection = OutboxCollection<OutboxRecord, unknown>;

/**
 * Forgets a collection's types, for the list of collections. Sound because every use pairs a
 * collection's records and inputs only with that same collection's own methods.
 */
export function anyCollection<R extends OutboxRecord, Input>(collection: OutboxCollection<R, Input>) {
  return collection as unknown as AnyOutboxCollection;
}

/**
 * A collection's table keyed by the records' string ids. Dexie types an entity table's key through
 * the record type, which a function generic in that type cannot resolve; every outbox record's key
 * is its `id`, a string.
 */
export function recordTable<R extends OutboxRecord>(collection: OutboxCollection<R, unknown>, db: AppDB) {
  return collection.table(db) as unknown as Table<R, string>;
}
