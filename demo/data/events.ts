import type { EventKind, QualityEventRow, Verdict } from '../../contract';
import { roundToSecond, type Difficulty, type PlannedItem } from './moderation';
import type { Rng } from './prng';
import { RATING_LABELS } from './search-catalog';
import type { PlannedResult, ResultDifficulty } from './search';
import { DEMO_SITES } from './types';
import { AUDITOR_WEIGHTS, EVALUATOR_IDS, MODERATOR_IDS } from './users';

/** An event before its id and timestamp are fixed. */
export type PlannedEvent = Omit<QualityEventRow, 'id' | 'occurredAt'> & { offsetMs: number };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** How many events an item gets, by difficulty (inclusive range). */
const MODERATION_EVENT_COUNTS: Record<Exclude<Difficulty, 'untouched'>, [number, number]> = {
  easy: [3, 16],
  medium: [10, 22],
  hard: [18, 25],
};
/** Chance of [incorrect, partially_correct] per audit, by difficulty. */
const MODERATION_ERROR_RATES: Record<Exclude<Difficulty, 'untouched'>, [number, number]> = {
  easy: [0.05, 0.04],
  medium: [0.16, 0.08],
  hard: [0.4, 0.1],
};
/** Some people are more accurate than others; analysts see it per moderator. */
const ACTOR_ERROR_FACTOR: Record<string, number> = { 'mod.alex': 1, 'mod.kai': 1.1, 'mod.noor': 0.7, 'mod.sam': 1.3 };
/**
 * Policies whose guideline was clarified in mod-2026.3: errors drop after the
 * change, so "did the fix work" has a visible answer in the dashboards.
 */
const CLARIFIED_POLICIES = new Set(['misinformation', 'hate_speech']);

/** Plans every moderation event for one item (none for untouched items). */
export function planModerationEvents(rng: Rng, planned: PlannedItem): PlannedEvent[] {
  if (planned.difficulty === 'untouched') return [];
  const { item, spec } = planned;
  const [min, max] = MODERATION_EVENT_COUNTS[planned.difficulty];
  const count = rng.int(min, max);
  const [baseIncorrect, basePartial] = MODERATION_ERROR_RATES[planned.difficulty];
  const notes = spec.policies[item.policy]!.notes;
  const events: PlannedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const offsetMs = roundToSecond(rng.int(10 * MINUTE_MS, planned.createdOffsetMs - 10 * MINUTE_MS));
    const version = moderationGuidelineVersion(offsetMs);
    // Contested items get appealed more often.
    const kind = rng.weighted<EventKind>({
      qa_audit: 60,
      appeal: planned.difficulty === 'hard' ? 30 : 16,
      gold_check: 22,
    } as Record<EventKind, number>);
    const actor = rng.pick(MODERATOR_IDS);
    let factor = ACTOR_ERROR_FACTOR[actor] ?? 1;
    if (CLARIFIED_POLICIES.has(item.policy)) factor *= version === 'mod-2026.3' ? 0.7 : 1.5;
    const verdict = rollVerdict(rng, baseIncorrect * factor, basePartial);
    // Re-reviews do not always repeat the proposed label.
    const decision = rng.chance(0.72) ? item.proposedLabel : rng.pick(spec.labels);
    events.push({
      kind,
      site: DEMO_SITES.moderation,
      itemKey: item.id,
      queue: item.queue,
      policy: item.policy,
      decision,
      verdict,
      correctedDecision:
        verdict === 'correct' ? null : correctedLabel(rng, decision, verdict, spec.labels, spec.softLabel),
      actor,
      auditor: kind === 'gold_check' ? null : rng.weighted(AUDITOR_WEIGHTS),
      offsetMs,
      guidelineVersion: version,
      note: eventNote(rng, kind, verdict, notes),
    });
  }
  return events;
}

/** Event count range and [exact-match, off-by-one] probabilities per result difficulty. */
const SEARCH_PROFILE: Record<
  Exclude<ResultDifficulty, 'untouched'>,
  { count: [number, number]; exact: number; offByOne: number }
> = {
  normal: { count: [2, 7], exact: 0.82, offByOne: 0.13 },
  hard: { count: [6, 12], exact: 0.5, offByOne: 0.32 },
};

/** Plans the consensus and gold-check events of one search result. */
export function planSearchEvents(rng: Rng, planned: PlannedResult): PlannedEvent[] {
  if (planned.difficulty === 'untouched') return [];
  const profile = SEARCH_PROFILE[planned.difficulty];
  const count = rng.int(...profile.count);
  const events: PlannedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const offsetMs = roundToSecond(rng.int(10 * MINUTE_MS, 90 * DAY_MS - 10 * MINUTE_MS));
    const kind = rng.chance(0.7) ? 'consensus' : 'gold_check';
    const roll = rng.next();
    const delta = roll < profile.exact ? 0 : roll < profile.exact + profile.offByOne ? 1 : rng.int(2, 3);
    const direction = rng.chance(0.5) ? 1 : -1;
    let rated = planned.trueRating + delta * direction;
    // At the ends of the scale the error can only go one way.
    if (rated < 0 || rated > 4) rated = planned.trueRating - delta * direction;
    rated = Math.max(0, Math.min(4, rated));
    const distance = Math.abs(rated - planned.trueRating);
    const verdict: Verdict = distance === 0 ? 'correct' : distance === 1 ? 'partially_correct' : 'incorrect';
    events.push({
      kind,
      site: DEMO_SITES.search,
      itemKey: planned.result.id,
      queue: planned.task.queue,
      policy: rng.chance(0.8) ? 'needs_met' : 'page_quality',
      decision: RATING_LABELS[rated]!,
      verdict,
      correctedDecision: verdict === 'correct' ? null : RATING_LABELS[planned.trueRating]!,
      actor: rng.pick(EVALUATOR_IDS),
      auditor: kind === 'gold_check' ? null : rng.weighted(AUDITOR_WEIGHTS),
      offsetMs,
      guidelineVersion: offsetMs > 45 * DAY_MS ? 'search-2026.1' : 'search-2026.2',
      note: verdict === 'incorrect' && rng.chance(0.5) ? rng.pick(SEARCH_NOTES) : null,
    });
  }
  return events;
}

const SEARCH_NOTES = [
  'Rater missed the dominant interpretation of the query (§2.3).',
  'Result is a low-quality SEO page; cannot exceed Slightly Meets (§4.1).',
  'Local intent: results outside the user location fail (§3.2).',
  'Stale information for a freshness-sensitive query (§2.6).',
  'Forum answer fully satisfies the query; rating was too harsh (§2.4).',
];

function moderationGuidelineVersion(offsetMs: number): string {
  if (offsetMs > 60 * DAY_MS) return 'mod-2026.1';
  if (offsetMs > 30 * DAY_MS) return 'mod-2026.2';
  return 'mod-2026.3';
}

function rollVerdict(rng: Rng, incorrect: number, partial: number): Verdict {
  const roll = rng.next();
  if (roll < incorrect) return 'incorrect';
  if (roll < incorrect + partial) return 'partially_correct';
  return 'correct';
}

/** The label QA says should have been applied; partial errors land on the lighter action. */
function correctedLabel(rng: Rng, decision: string, verdict: Verdict, labels: readonly string[], soft: string): string {
  if (verdict === 'partially_correct') {
    if (decision !== soft) return soft;
    return 'remove';
  }
  if (decision === 'approve') return rng.pick(labels.filter((l) => l !== 'approve'));
  // Most overturns of an enforcement reinstate the content.
  if (rng.chance(0.7)) return 'approve';
  return rng.pick(labels.filter((l) => l !== 'approve' && l !== decision));
}

function eventNote(rng: Rng, kind: EventKind, verdict: Verdict, notes: readonly string[]): string | null {
  if (verdict !== 'correct') return rng.chance(0.65) ? rng.pick(notes) : null;
  if (kind === 'appeal') return rng.chance(0.3) ? 'Appeal denied: original decision stands.' : null;
  return null;
}
