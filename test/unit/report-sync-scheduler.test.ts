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
  it('makes one run of two concurrent syncNow calls', async () => {
    const gate = gatedRuns();
    const scheduler = createSyncScheduler({ run: gate.run });
    const first = scheduler.syncNow();
    const second = scheduler.syncNow();
    expect(gate.runs()).toBe(1);
    await gate.finish();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(gate.runs()).toBe(1);
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
      expect(a).toBe(b);
      expect(a.created).toBe(1);
      expect(server.pushes()).toHaveLength(1);
      expect(server.requests.filter((r) => r.path === '/v1/sync/gap-reports')).toHaveLength(1);
    } finally {
      closeWithTwin(db);
      await Dexie.delete(db.name);
    }
  });
});
