import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDB } from '../../utils/db/app-db';
import { createReport } from '../../utils/reports/create-report';
import { syncReports } from '../../utils/sync/report-sync';
import { createSyncScheduler } from '../../utils/sync/scheduler';
import { closeWithTwin } from '../../utils/sync/strict-db';
import { fakeReportApi, OWNER } from './report-sync-fake-api';

/** Timers that run only when the test says so. */
function manualTimers() {
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  return {
    timers,
    live: () => timers.filter((timer) => !timer.cleared),
    setTimer: (run: () => void, ms: number) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => void ((timer as { cleared: boolean }).cleared = true),
    fire(timer: { run: () => void; cleared: boolean }) {
      timer.cleared = true;
      timer.run();
    },
  };
}

/** A run the test finishes by hand. */
function gatedRuns() {
  const gates: (() => void)[] = [];
  let runs = 0;
  return {
    runs: () => runs,
    run: () => {
      runs += 1;
      return new Promise<number>((resolve) => gates.push(() => resolve(runs)));
    },
    finish: async () => {
      gates.shift()!();
      // Let the scheduler's finally run.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('sync scheduler', () => {
  it('runs once more after the run in flight for a syncNow made during it, shared by every such caller', async () => {
    const gate = gatedRuns();
    const scheduler = createSyncScheduler({ run: gate.run });
    const first = scheduler.syncNow();
    // Asked while run 1 is in flight (say, after an analyst commented): run 1 may have pulled before it.
    const second = scheduler.syncNow();
    const third = scheduler.syncNow();
    expect(gate.runs()).toBe(1);
    await gate.finish();
    expect(await first).toBe(1);
    // Never two at once: run 2 starts only now, and both later callers get it.
    expect(gate.runs()).toBe(2);
    await gate.finish();
    expect(await Promise.all([second, third])).toEqual([2, 2]);
    expect(gate.runs()).toBe(2);
  });

  it('still runs the follow-up when the run in flight failed', async () => {
    let runs = 0;
    const scheduler = createSyncScheduler({
      run: async () => {
        runs += 1;
        if (runs === 1) throw new Error('offline');
        return runs;
      },
    });
    const first = scheduler.syncNow();
    const second = scheduler.syncNow();
    await expect(first).rejects.toThrow('offline');
    expect(await second).toBe(2);
  });

  it('debounces requests into one run, and runs once more for a request made during a run', async () => {
    const gate = gatedRuns();
    const clock = manualTimers();
    const scheduler = createSyncScheduler({ run: gate.run, debounceMs: 250, ...clock });
    scheduler.request();
    scheduler.request();
    scheduler.request();
    expect(clock.live()).toHaveLength(1);
    expect(clock.live()[0]!.ms).toBe(250);
    clock.fire(clock.live()[0]!);
    expect(gate.runs()).toBe(1);

    // Written while the run may already have read the outbox: one more run follows.
    scheduler.request();
    scheduler.request();
    expect(clock.live()).toHaveLength(0);
    await gate.finish();
    expect(clock.live()).toHaveLength(1);
    clock.fire(clock.live()[0]!);
    expect(gate.runs()).toBe(2);
    await gate.finish();
    expect(clock.live()).toHaveLength(0);
  });

  it('keeps the earliest wake-up', () => {
    const clock = manualTimers();
    const scheduler = createSyncScheduler({ run: async () => 0, now: () => 1_000, ...clock });
    scheduler.wakeIn(60_000);
    scheduler.wakeIn(5_000);
    scheduler.wakeIn(30_000);
    expect(clock.live().map((timer) => timer.ms)).toEqual([5_000]);
    scheduler.cancel();
    expect(clock.live()).toEqual([]);
  });

  it('pushes a report once when two syncs start together', async () => {
    const db = new AppDB(`scheduler-${Math.random()}`);
    try {
      const server = fakeReportApi();
      await createReport(db, { type: 'other', severity: 'low', note: 'Twice?' }, { ownerId: OWNER.id, kick: () => {} });
      const scheduler = createSyncScheduler({ run: () => syncReports(db, server.api, OWNER.id) });
      const [a, b] = await Promise.all([scheduler.syncNow(), scheduler.syncNow()]);
      // The second caller's run follows the first: it finds the outbox empty and only pulls.
      expect(a.created).toBe(1);
      expect(b.created).toBe(0);
      expect(server.pushes()).toHaveLength(1);
      expect(server.requests.filter((r) => r.path === '/v1/sync/gap-reports')).toHaveLength(2);
    } finally {
      closeWithTwin(db);
      await Dexie.delete(db.name);
    }
  });
});
