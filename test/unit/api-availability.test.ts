import { describe, expect, it } from 'vitest';
import { ApiError } from '../../utils/api/client';
import { createApiAvailability } from '../../utils/background/api-availability';

function setup(probeAnswers: boolean[]) {
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  let recoveries = 0;
  let probes = 0;
  const availability = createApiAvailability({
    probe: async () => probeAnswers[probes++] ?? false,
    onRecovered: () => void recoveries++,
    random: () => 0,
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => void ((timer as { cleared: boolean }).cleared = true),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { availability, timers, settle, recoveries: () => recoveries, probes: () => probes };
}

const unreachable = new ApiError('Cannot reach the QA Lens API', 0, 'unreachable');

describe('API availability', () => {
  it('probes with backoff after an outage and announces the recovery once', async () => {
    const t = setup([false, false, true]);
    t.availability.record(unreachable);
    t.availability.record(unreachable); // a second failure meanwhile does not start a second probe loop
    expect(t.timers).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      t.timers.at(-1)!.run();
      await t.settle();
    }
    expect(t.timers.map((timer) => timer.ms)).toEqual([500, 1000, 2000]);
    expect(t.probes()).toBe(3);
    expect(t.recoveries()).toBe(1);
    expect(t.availability.down).toBe(false);
  });

  it('counts any successful request as the API being back', () => {
    const t = setup([]);
    t.availability.record(new ApiError('Service Unavailable', 503, 'http_error'));
    t.availability.record(null);
    expect(t.recoveries()).toBe(1);
    expect(t.timers[0]!.cleared).toBe(true);
    t.availability.record(null);
    expect(t.recoveries()).toBe(1);
  });

  it('does not probe for errors a retry cannot fix', () => {
    const t = setup([]);
    t.availability.record(new ApiError('token expired', 401, 'unauthorized'));
    expect(t.timers).toHaveLength(0);
    expect(t.availability.down).toBe(false);
  });
});
