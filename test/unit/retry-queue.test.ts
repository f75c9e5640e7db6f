import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../utils/backoff';
import { createRetryQueue } from '../../utils/overlay/retry-queue';

/** A manual clock: timers run only when the test says so. */
function manualTimers() {
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  return {
    timers,
    setTimer: (run: () => void, ms: number) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => void ((timer as { cleared: boolean }).cleared = true),
    fireLast() {
      const timer = timers.at(-1)!;
      expect(timer.cleared).toBe(false);
      timer.run();
    },
  };
}

describe('backoff', () => {
  it('doubles from the base, is capped, and keeps half of each delay fixed', () => {
    const at = (attempt: number, random: number) =>
      backoffDelay(attempt, { baseMs: 1000, capMs: 30_000, random: () => random });
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => at(n, 0))).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect([0, 5, 40].map((n) => at(n, 0.999_999))).toEqual([1000, 30_000, 30_000].map((ms) => expect.closeTo(ms, 0)));
  });
});

describe('retry queue', () => {
  function setup(onPage: (key: string) => boolean = () => true) {
    const sent: string[][] = [];
    const clock = manualTimers();
    const queue = createRetryQueue<string>({
      keyOf: (item) => item,
      send: (items) => sent.push(items),
      wanted: onPage,
      baseMs: 1000,
      capMs: 30_000,
      random: () => 0,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    });
    return { queue, sent, clock };
  }

  it('asks again with growing, capped delays while the items keep failing', () => {
    const { queue, sent, clock } = setup();
    queue.add(['a', 'b']);
    for (let i = 0; i < 8; i++) {
      clock.fireLast();
      queue.add(['a', 'b']); // failed again
    }
    expect(clock.timers.map((t) => t.ms)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000]);
    expect(sent).toHaveLength(8);
    expect(sent.every((items) => items.join() === 'a,b')).toBe(true);
  });

  it('waits longer for items that were merely unanswered', () => {
    const { queue, clock } = setup();
    queue.add(['a'], { patient: true });
    expect(clock.timers[0]!.ms).toBe(4000);
  });

  it('drops items that left the page and stops when nothing waits', () => {
    let present = new Set(['a', 'b']);
    const { queue, sent, clock } = setup((key) => present.has(key));
    queue.add(['a', 'b']);
    present = new Set(['b']);
    clock.fireLast();
    expect(sent).toEqual([['b']]);
    queue.settle(['b']);
    expect(queue.size).toBe(0);
  });

  it('asks at once for everything waiting when told the API is back, and resets the backoff', () => {
    const { queue, sent, clock } = setup();
    queue.add(['a']);
    clock.fireLast();
    queue.add(['a']);
    clock.fireLast();
    queue.add(['a', 'c']);
    queue.retryNow();
    expect(clock.timers.at(-1)!.cleared).toBe(true);
    expect(sent.at(-1)).toEqual(['a', 'c']);
    queue.add(['a']);
    expect(clock.timers.at(-1)!.ms).toBe(500);
  });

  it('forgets answered items and cancels the timer when none is left', () => {
    const { queue, sent, clock } = setup();
    queue.add(['a', 'b']);
    queue.settle(['a', 'b']);
    expect(clock.timers[0]!.cleared).toBe(true);
    expect(sent).toEqual([]);
  });
});
