import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchThrottled, type ThrottledWatch } from '../../utils/db/throttled-watch';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchThrottled', () => {
  let db: Dexie;
  let watch: ThrottledWatch | undefined;

  beforeEach(async () => {
    db = new Dexie(`throttled-${Math.random()}`);
    db.version(1).stores({ rows: 'id', other: 'id' });
    await db.open();
  });
  afterEach(async () => {
    watch?.stop();
    db.close();
    await Dexie.delete(db.name);
  });

  function countRows(onValue: (value: number) => void, runs: { n: number }) {
    return watchThrottled(
      async () => {
        runs.n += 1;
        return db.table('rows').count();
      },
      { db: db.name, tables: ['rows'], intervalMs: 200, onValue },
    );
  }

  it('runs far fewer times than there are writes, and ends on the exact figure', async () => {
    const seen: number[] = [];
    const runs = { n: 0 };
    watch = countRows((value) => seen.push(value), runs);
    await settle(50);
    expect(seen).toEqual([0]);
    for (let i = 0; i < 40; i += 1) await db.table('rows').add({ id: i });
    await settle(700);
    expect(seen.at(-1)).toBe(40);
    // Forty separate write transactions: a live query would have run forty-one times.
    expect(runs.n).toBeLessThanOrEqual(5);
  });

  it('ignores writes to other tables, and stops', async () => {
    const runs = { n: 0 };
    watch = countRows(() => undefined, runs);
    await settle(50);
    await db.table('other').add({ id: 1 });
    await settle(300);
    expect(runs.n).toBe(1);
    watch.stop();
    await db.table('rows').add({ id: 1 });
    await settle(300);
    expect(runs.n).toBe(1);
  });

  it('reports a failed query instead of throwing, and runs again on the next write', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const values: number[] = [];
    watch = watchThrottled(
      async () => {
        if (fail) throw new Error('boom');
        return db.table('rows').count();
      },
      { db: db.name, tables: ['rows'], intervalMs: 10, onValue: (v) => values.push(v), onError: (e) => errors.push(e) },
    );
    await settle(50);
    expect(errors).toHaveLength(1);
    fail = false;
    await db.table('rows').add({ id: 1 });
    await settle(100);
    expect(values).toEqual([1]);
  });
});
