import type { GapReportInput, GapReportType, GapSeverity } from '../../contract';
import type { PlannedEvent } from './events';
import type { PlannedItem } from './moderation';
import { createRng } from './prng';
import { DEMO_SITES, type ModerationItem } from './types';

/*
 * The demo's real anomaly (issue 11): mod-2026.3 took effect 30 days before the anchor and
 * rewrote hate speech §1.6 ("counter-speech and educational framing are allowed when the intent
 * is clear"). On the Posts queue, moderators read it as a licence: for the two weeks after the
 * change they approved hateful posts framed as "just asking questions". QA, which samples a
 * changed policy more heavily for two weeks after a guideline change, found most of those
 * decisions wrong, and moderators filed gap reports on the hate-speech section. Other queues and
 * policies are untouched (elsewhere the clarification worked, as the base plan has it).
 *
 * It is applied after planning, with its own random stream, so every other event and item of the
 * seed stays as it was (ids, which follow time, shift past the window).
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The Posts queue and the policy whose section changed. */
export const ANOMALY = {
  queue: 'posts',
  policy: 'hate_speech',
  guidelineId: 'moderation-handbook',
  sectionId: 'hate-speech',
  fromVersion: 'mod-2026.2',
  toVersion: 'mod-2026.3',
  /** The change took effect this many days before the anchor (see demo/data/guidelines.ts). */
  changeDaysAgo: 30,
  /** Days after the change that the misreading lasted (a calibration session ended it). */
  days: 14,
} as const;

/** Share of the affected judgements that flip from correct to incorrect. */
const FLIP_SHARE = 0.85;
/** Extra QA audits a day of Posts hate speech in the two weeks after the change (targeted sampling). */
const TARGETED_AUDITS_PER_DAY = 20;
/** The seed's cap on events per moderation item (demo/seed.test.ts). */
const ITEM_EVENTS_MAX = 25;
const ANOMALY_SEED = 0x5eed_0011;
const MINUTE_MS = 60_000;

/**
 * The targeted QA audits of Posts hate speech after the change: items created before it, each kept
 * within the seed's per-item cap. Verdicts follow the clarified rate; applyDemoAnomaly then flips them.
 */
export function targetedAudits(planned: readonly PlannedEvent[], items: readonly PlannedItem[]): PlannedEvent[] {
  const rng = createRng(ANOMALY_SEED + 2);
  const start = ANOMALY.changeDaysAgo * DAY_MS;
  const counts = new Map<string, number>();
  for (const event of planned) counts.set(event.itemKey, (counts.get(event.itemKey) ?? 0) + 1);
  const eligible = items.filter(
    ({ item, createdOffsetMs }) =>
      item.queue === ANOMALY.queue && item.policy === ANOMALY.policy && createdOffsetMs > start + DAY_MS,
  );
  const audits: PlannedEvent[] = [];
  for (let day = 0; day < ANOMALY.days; day++) {
    for (let i = 0; i < TARGETED_AUDITS_PER_DAY; i++) {
      const open = eligible.filter(({ item }) => (counts.get(item.id) ?? 0) < ITEM_EVENTS_MAX);
      if (open.length === 0) return audits;
      const { item } = rng.pick(open);
      counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
      const decision = rng.chance(0.5) ? 'approve' : item.proposedLabel;
      const correct = rng.chance(0.85);
      audits.push({
        kind: 'qa_audit',
        site: DEMO_SITES.moderation,
        itemKey: item.id,
        queue: item.queue,
        policy: item.policy,
        decision,
        verdict: correct ? 'correct' : 'incorrect',
        correctedDecision: correct ? null : decision === 'remove' ? 'approve' : 'remove',
        actor: rng.pick(['mod.alex', 'mod.kai', 'mod.noor', 'mod.sam']),
        auditor: rng.pick(['qa.morgan', 'qa.devi']),
        // Whole seconds within the day, like the rest of the seed.
        offsetMs: start - day * DAY_MS - rng.int(10, 24 * 60 - 10) * MINUTE_MS,
        guidelineVersion: ANOMALY.toVersion,
        note: null,
      });
    }
  }
  return audits;
}

const MISREAD_NOTES = [
  'Educational framing does not cover dehumanising generalisations (§1.2 still applies).',
  '"Just asking questions" about a protected group is not counter-speech (§1.6).',
  'Approved as educational; the post attacks the group, not an idea (§1.5 vs §1.2).',
];

/** Turns most correct Posts hate-speech judgements of the two weeks after the change into errors, in place. */
export function applyDemoAnomaly(events: PlannedEvent[]): void {
  const rng = createRng(ANOMALY_SEED);
  const start = ANOMALY.changeDaysAgo * DAY_MS;
  const end = (ANOMALY.changeDaysAgo - ANOMALY.days) * DAY_MS;
  for (const event of events) {
    if (event.queue !== ANOMALY.queue || event.policy !== ANOMALY.policy) continue;
    if (event.offsetMs > start || event.offsetMs <= end || event.verdict !== 'correct') continue;
    if (!rng.chance(FLIP_SHARE)) continue;
    event.verdict = 'incorrect';
    event.correctedDecision = event.decision === 'remove' ? 'approve' : 'remove';
    event.note = rng.chance(0.6) ? rng.pick(MISREAD_NOTES) : null;
  }
}

/** A gap report the demo seeds: who filed it and when it arrived. */
export interface DemoGapReport {
  reporter: string;
  /** Server arrival time (the seed sets it; a push would stamp "now"). */
  receivedAt: string;
  report: GapReportInput;
}

const REPORTERS = ['mod.kai', 'mod.noor', 'mod.sam'] as const;

const HATE_SPEECH_NOTES = [
  'Does "educational framing" in §1.6 cover posts that repeat a slur to "discuss" it?',
  '§1.6 now allows educational framing, but §1.2 still says remove. Which one wins for a post like this?',
  'Users add "just asking" to hateful posts; the new §1.6 reads as if that makes them allowed.',
  'Need an example of counter-speech vs. hate with an educational disguise.',
  'Intent is "clear" to whom? §1.6 gives no test for intent.',
];
const OTHER_NOTES: Record<string, string[]> = {
  misinformation: ['Is a label enough for a contested cure claim that names a product (§5.3)?'],
  spam: ['Giveaways by partners: how do we verify the partner (§7.4)?'],
};

/**
 * Gap reports for the demo: a few on hate speech before the change, many on Posts after it, and a
 * trickle on other sections throughout. Ids are fixed, so restarts recognise them.
 */
export function demoGapReports(anchor: Date, items: readonly ModerationItem[]): DemoGapReport[] {
  const rng = createRng(ANOMALY_SEED + 1);
  const hateSpeechPosts = items.filter((i) => i.queue === ANOMALY.queue && i.policy === ANOMALY.policy);
  const reports: DemoGapReport[] = [];
  const add = (daysAgo: number, section: string, version: string, item: ModerationItem, note: string) => {
    const n = reports.length + 1;
    const at = new Date(anchor.getTime() - daysAgo * DAY_MS + rng.int(1, 20) * HOUR_MS).toISOString();
    const type: GapReportType = rng.pick(['unclear', 'unclear', 'conflicting', 'missing']);
    const severity: GapSeverity = rng.pick(['medium', 'high', 'high', 'critical']);
    reports.push({
      reporter: rng.pick(REPORTERS),
      receivedAt: at,
      report: {
        // Fixed UUIDv7s (their time part is 2024-06), numbered.
        id: `01900000-0000-7000-8000-0000000a${n.toString(16).padStart(4, '0')}`,
        type,
        severity,
        note,
        context: {
          site: DEMO_SITES.moderation,
          itemKey: item.id,
          pageTitle: `Moderation queue: ${item.queue}`,
          fields: { queue: item.queue, category: item.category },
          guideline: { guidelineId: ANOMALY.guidelineId, version, sectionId: section },
        },
        screenshot: null,
        createdAt: at,
      },
    });
  };
  // Before the change: the odd question about hate speech.
  for (const daysAgo of [43, 38, 34]) {
    add(daysAgo, ANOMALY.sectionId, ANOMALY.fromVersion, rng.pick(hateSpeechPosts), rng.pick(HATE_SPEECH_NOTES));
  }
  // After it: the Posts moderators ask, mostly in the first days.
  for (let i = 0; i < 22; i++) {
    const daysAgo = ANOMALY.changeDaysAgo - Math.min(ANOMALY.days - 1, Math.floor(rng.next() ** 1.5 * ANOMALY.days));
    add(daysAgo, ANOMALY.sectionId, ANOMALY.toVersion, rng.pick(hateSpeechPosts), rng.pick(HATE_SPEECH_NOTES));
  }
  // A steady trickle elsewhere, so the ranking has something to rank against.
  for (const [policy, section] of [
    ['misinformation', 'misinformation'],
    ['spam', 'spam'],
  ] as const) {
    const related = items.filter((i) => i.policy === policy);
    for (let daysAgo = 85; daysAgo > 0; daysAgo -= rng.int(6, 12)) {
      const version =
        daysAgo > 60 ? 'mod-2026.1' : daysAgo > ANOMALY.changeDaysAgo ? ANOMALY.fromVersion : ANOMALY.toVersion;
      add(daysAgo, section, version, rng.pick(related), rng.pick(OTHER_NOTES[policy]!));
    }
  }
  return reports;
}
