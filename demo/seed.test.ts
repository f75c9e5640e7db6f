import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { QualityEventInput, User } from '../contract';
import { DEMO_SITES, RATING_LABELS, defaultAnchor, generateSeed, type DemoSeed } from './seed';

const ANCHOR = new Date('2026-03-01T00:00:00.000Z');
const SHIFT_MS = 7 * 86_400_000 + 1_234;
const DAY_MS = 86_400_000;

let seed: DemoSeed;
let again: DemoSeed;
let shifted: DemoSeed;
let warmMs = 0;

beforeAll(() => {
  seed = generateSeed({ anchor: ANCHOR });
  const started = performance.now();
  again = generateSeed({ anchor: ANCHOR });
  warmMs = performance.now() - started;
  shifted = generateSeed({ anchor: new Date(ANCHOR.getTime() + SHIFT_MS) });
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const allIds = (s: DemoSeed) =>
  [
    ...s.events.map((e) => e.id),
    ...s.moderation.items.map((i) => i.id),
    ...s.search.tasks.flatMap((t) => [t.id, ...t.results.map((r) => r.id)]),
  ].join('\n');

/** The seed with every timestamp blanked, to compare what an anchor must not change. */
function withoutTimes(s: DemoSeed) {
  return {
    users: s.users,
    moderation: { ...s.moderation, items: s.moderation.items.map((i) => ({ ...i, createdAt: '' })) },
    search: s.search,
    events: s.events.map((e) => ({ ...e, occurredAt: '' })),
  };
}

describe('generateSeed determinism', () => {
  it('gives the same output twice', () => {
    expect(again.events.slice(0, 200)).toEqual(seed.events.slice(0, 200));
    expect(again.moderation.items.slice(790, 810)).toEqual(seed.moderation.items.slice(790, 810));
    expect(again.search.tasks[17]).toEqual(seed.search.tasks[17]);
    expect(again.events.length).toBe(seed.events.length);
    expect(sha(allIds(again))).toBe(sha(allIds(seed)));
    expect(sha(JSON.stringify(again))).toBe(sha(JSON.stringify(seed)));
  });

  it('is fast', () => {
    expect(warmMs).toBeLessThan(1000);
  });

  it('only shifts timestamps when the anchor moves', () => {
    expect(shifted.anchor).toBe(new Date(ANCHOR.getTime() + SHIFT_MS).toISOString());
    expect(sha(JSON.stringify(withoutTimes(shifted)))).toBe(sha(JSON.stringify(withoutTimes(seed))));
    const eventShifts = new Set(
      seed.events.map((e, i) => Date.parse(shifted.events[i]!.occurredAt) - Date.parse(e.occurredAt)),
    );
    const itemShifts = new Set(
      seed.moderation.items.map(
        (item, i) => Date.parse(shifted.moderation.items[i]!.createdAt) - Date.parse(item.createdAt),
      ),
    );
    expect([...eventShifts]).toEqual([SHIFT_MS]);
    expect([...itemShifts]).toEqual([SHIFT_MS]);
  });

  it('defaults the anchor to the start of the current UTC day', () => {
    const anchor = defaultAnchor(new Date('2026-05-17T21:45:12.345Z'));
    expect(anchor.toISOString()).toBe('2026-05-17T00:00:00.000Z');
    expect(defaultAnchor().getUTCHours()).toBe(0);
  });
});

describe('generateSeed shape', () => {
  it('has the demo users with contract-valid records', () => {
    for (const user of seed.users) expect(User.safeParse(user).success).toBe(true);
    const ids = seed.users.map((u) => u.id);
    for (const id of [
      'mod.alex',
      'mod.kai',
      'mod.noor',
      'mod.sam',
      'eval.lee',
      'eval.rosa',
      'analyst.riley',
      'admin.jo',
      'qa.morgan',
      'qa.devi',
    ]) {
      expect(ids).toContain(id);
    }
    expect(seed.users.find((u) => u.id === 'qa.morgan')?.roles).toEqual(['analyst']);
  });

  it('has three queues of about 800 items with unique ids', () => {
    expect(seed.moderation.site).toBe(DEMO_SITES.moderation);
    expect(seed.moderation.queues.map((q) => q.id)).toEqual(['videos', 'posts', 'listings']);
    const prefixes: Record<string, string> = { videos: 'VID', posts: 'PST', listings: 'LST' };
    for (const queue of seed.moderation.queues) {
      const items = seed.moderation.items.filter((i) => i.queue === queue.id);
      expect(items.length).toBeGreaterThanOrEqual(700);
      expect(items.length).toBeLessThanOrEqual(900);
      expect(items[0]!.id).toBe(`${prefixes[queue.id]}-00001`);
      for (const item of items) expect(queue.policies).toContain(item.policy);
    }
    expect(new Set(seed.moderation.items.map((i) => i.id)).size).toBe(seed.moderation.items.length);
  });

  it('has 200 search tasks with ten ranked results each', () => {
    expect(seed.search.site).toBe(DEMO_SITES.search);
    expect(seed.search.tasks).toHaveLength(200);
    expect(seed.search.tasks[0]!.id).toBe('T-0001');
    expect(new Set(seed.search.tasks.map((t) => t.query)).size).toBe(200);
    for (const task of seed.search.tasks) {
      expect(task.results.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(task.results[0]!.id).toBe(`${task.id}-R01`);
      for (const result of task.results) expect(result.url).toMatch(/^https:\/\/[a-z0-9.-]+\.example\//);
    }
  });
});

describe('generateSeed events', () => {
  it('has 30,000–40,000 events with sequential unique ids', () => {
    expect(seed.events.length).toBeGreaterThanOrEqual(30_000);
    expect(seed.events.length).toBeLessThanOrEqual(40_000);
    expect(new Set(seed.events.map((e) => e.id)).size).toBe(seed.events.length);
    expect(seed.events.filter((e, i) => e.id !== `ev-${String(i + 1).padStart(6, '0')}`)).toEqual([]);
  });

  it('every event is a valid contract row, unchanged by parsing', () => {
    const failures = seed.events.filter((e) => !QualityEventInput.safeParse(e).success);
    expect(failures).toEqual([]);
    for (const event of seed.events.slice(0, 500)) expect(QualityEventInput.parse(event)).toEqual(event);
    // Every field present: nulls, never undefined.
    expect(
      seed.events.filter((e) => Object.keys(e).length !== 14 || Object.values(e).some((v) => v === undefined)),
    ).toEqual([]);
  });

  it('every event lies within the 90 days before the anchor, after its item was created', () => {
    const anchorMs = ANCHOR.getTime();
    const created = new Map(seed.moderation.items.map((i) => [i.id, Date.parse(i.createdAt)]));
    const bad = seed.events.filter((event) => {
      const at = Date.parse(event.occurredAt);
      const itemCreated = created.get(event.itemKey);
      return at >= anchorMs || at <= anchorMs - 90 * DAY_MS || (itemCreated !== undefined && at <= itemCreated);
    });
    expect(bad).toEqual([]);
    for (const item of seed.moderation.items)
      expect(Date.parse(item.createdAt)).toBeGreaterThan(anchorMs - 90 * DAY_MS);
  });

  it('leaves at least 15% of items without events and caps moderation items at 25', () => {
    const counts = new Map<string, number>();
    for (const e of seed.events) counts.set(e.itemKey, (counts.get(e.itemKey) ?? 0) + 1);
    const modItems = seed.moderation.items.map((i) => i.id);
    const results = seed.search.tasks.flatMap((t) => t.results.map((r) => r.id));
    const share = (ids: string[]) => ids.filter((id) => !counts.has(id)).length / ids.length;
    expect(share(modItems)).toBeGreaterThanOrEqual(0.15);
    expect(share(results)).toBeGreaterThanOrEqual(0.15);
    for (const id of modItems) expect(counts.get(id) ?? 0).toBeLessThanOrEqual(25);
    // Every event names a real item.
    const known = new Set([...modItems, ...results]);
    for (const key of counts.keys()) expect(known.has(key)).toBe(true);
  });

  it('has a realistic verdict mix, with correctedDecision exactly when not correct', () => {
    const correct = seed.events.filter((e) => e.verdict === 'correct').length / seed.events.length;
    const partial = seed.events.filter((e) => e.verdict === 'partially_correct').length / seed.events.length;
    expect(correct).toBeGreaterThan(0.7);
    expect(correct).toBeLessThan(0.8);
    expect(partial).toBeGreaterThan(0.03);
    const bad = seed.events.filter(
      (e) => (e.correctedDecision === null) !== (e.verdict === 'correct') || e.correctedDecision === e.decision,
    );
    expect(bad).toEqual([]);
  });

  it('has hard items with many incorrect verdicts and overturns', () => {
    const stats = new Map<string, { incorrect: number; overturns: number }>();
    for (const e of seed.events) {
      if (e.site !== DEMO_SITES.moderation || e.verdict !== 'incorrect') continue;
      const s = stats.get(e.itemKey) ?? { incorrect: 0, overturns: 0 };
      s.incorrect++;
      if (e.kind === 'appeal') s.overturns++;
      stats.set(e.itemKey, s);
    }
    const hard = [...stats.values()].filter((s) => s.incorrect >= 8 && s.overturns >= 2);
    expect(hard.length).toBeGreaterThanOrEqual(20);
  });

  it('uses the right kinds, people, labels and guideline versions per site', () => {
    const roles = new Map(seed.users.map((u) => [u.id, u.roles]));
    const has = (id: string | null, role: string) => id !== null && (roles.get(id) ?? []).some((r) => r === role);
    // Collect offenders instead of one expect per event: 33k expects are slow.
    const bad = seed.events.filter((e) => {
      if (e.auditor !== null && !has(e.auditor, 'analyst')) return true;
      if (e.site === DEMO_SITES.moderation) {
        return (
          !['qa_audit', 'appeal', 'gold_check'].includes(e.kind) ||
          !has(e.actor, 'moderator') ||
          !/^mod-2026\.\d$/.test(e.guidelineVersion ?? '')
        );
      }
      return (
        e.site !== DEMO_SITES.search ||
        !['consensus', 'gold_check'].includes(e.kind) ||
        !has(e.actor, 'evaluator') ||
        !(RATING_LABELS as readonly string[]).includes(e.decision) ||
        !/^search-2026\.\d$/.test(e.guidelineVersion ?? '')
      );
    });
    expect(bad).toEqual([]);
  });
});
