import type { QualityEventRow } from '../contract';
import { applyDemoAnomaly, demoGapReports, targetedAudits } from './data/anomaly';
import { planModerationEvents, planSearchEvents, type PlannedEvent } from './data/events';
import { demoGuidelineVersions } from './data/guidelines';
import { moderationQueues, planModerationItems } from './data/moderation';
import { createRng } from './data/prng';
import { planSearchTasks } from './data/search';
import { demoSurveys } from './data/surveys';
import { DEMO_SITES, type DemoSeed } from './data/types';
import { DEMO_USERS } from './data/users';

export { DEMO_SITES };
export type { DemoSeed, ModerationItem, ModerationQueue, SearchResult, SearchTask } from './data/types';
export { DEMO_USERS } from './data/users';
export { RATING_LABELS, type RatingLabel } from './data/search-catalog';
export { DEMO_SURVEY_ID, type DemoSurvey } from './data/surveys';
export { ANOMALY as DEMO_ANOMALY, type DemoGapReport } from './data/anomaly';

/**
 * Fixed seeds, one stream per part, so changing how search tasks are made
 * does not reshuffle every moderation item.
 */
const SEEDS = {
  moderation: 0x5eed_0001,
  search: 0x5eed_0002,
  moderationEvents: 0x5eed_0003,
  searchEvents: 0x5eed_0004,
};

/** Options for {@link generateSeed}. */
export interface SeedOptions {
  /** Newest possible timestamp; defaults to the start of the current UTC day. */
  anchor?: Date;
}

/** Start of the current UTC day: stable for a whole day of demo restarts. */
export function defaultAnchor(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Builds the whole demo data set. Pure and deterministic: the same anchor
 * gives identical output, and another anchor only shifts the timestamps.
 */
export function generateSeed(options: SeedOptions = {}): DemoSeed {
  const anchor = options.anchor ?? defaultAnchor();
  const anchorMs = anchor.getTime();
  if (Number.isNaN(anchorMs)) throw new Error('generateSeed: anchor is not a valid date');
  const at = (offsetMs: number): string => new Date(anchorMs - offsetMs).toISOString();

  const plannedItems = planModerationItems(createRng(SEEDS.moderation));
  const { tasks, results } = planSearchTasks(createRng(SEEDS.search));

  const planned: PlannedEvent[] = [];
  const modRng = createRng(SEEDS.moderationEvents);
  for (const item of plannedItems) planned.push(...planModerationEvents(modRng, item));
  const searchRng = createRng(SEEDS.searchEvents);
  for (const result of results) planned.push(...planSearchEvents(searchRng, result));
  planned.push(...targetedAudits(planned, plannedItems));
  applyDemoAnomaly(planned);

  // Ids follow time, oldest first, like rows exported from a source system.
  // The sort is stable, so ties keep generation order and ids stay deterministic.
  planned.sort((a, b) => b.offsetMs - a.offsetMs);
  const events: QualityEventRow[] = planned.map(({ offsetMs, ...rest }, index) => ({
    id: `ev-${String(index + 1).padStart(6, '0')}`,
    kind: rest.kind,
    site: rest.site,
    itemKey: rest.itemKey,
    queue: rest.queue,
    policy: rest.policy,
    decision: rest.decision,
    verdict: rest.verdict,
    correctedDecision: rest.correctedDecision,
    actor: rest.actor,
    auditor: rest.auditor,
    occurredAt: at(offsetMs),
    guidelineVersion: rest.guidelineVersion,
    note: rest.note,
  }));

  const items = plannedItems.map(({ item, createdOffsetMs }) => ({ ...item, createdAt: at(createdOffsetMs) }));
  return {
    anchor: anchor.toISOString(),
    users: DEMO_USERS.map((user) => ({ ...user, roles: [...user.roles] })),
    moderation: {
      site: DEMO_SITES.moderation,
      queues: moderationQueues(),
      items,
    },
    search: { site: DEMO_SITES.search, tasks },
    events,
    guidelines: demoGuidelineVersions(anchor),
    surveys: demoSurveys(anchor),
    gapReports: demoGapReports(anchor, items),
  };
}
