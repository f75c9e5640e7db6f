import { AppDB } from '../db/app-db';

/*
 * A record the user wrote must be on disk before the form says "saved". IndexedDB's
 * `durability: 'strict'` asks for exactly that (Chrome's default has been "relaxed" since
 * Chrome 121). Dexie 4 sets durability per connection (the `chromeTransactionDurability` option),
 * not per transaction, and strict on every write would slow the item cache the badges read, so
 * user-written records go through a second connection to the same database that is strict.
 * https://developer.mozilla.org/en-US/docs/Web/API/IDBDatabase/transaction#durability
 */

const strict = new WeakMap<AppDB, AppDB>();

/** The strict-durability connection twinned with `db` (same name, same schema), opened once. */
export function strictConnection(db: AppDB): AppDB {
  let twin = strict.get(db);
  if (!twin) {
    twin = new AppDB(db.name, { chromeTransactionDurability: 'strict' });
    strict.set(db, twin);
  }
  return twin;
}

/** Closes `db` and its strict twin (a test's "browser restart"). */
export function closeWithTwin(db: AppDB): void {
  strict.get(db)?.close();
  strict.delete(db);
  db.close();
}
