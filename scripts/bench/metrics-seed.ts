import { sql } from 'drizzle-orm';
import { GuidelinePublishRequest, type GuidelineSectionInput } from '../../contract';
import type { Database } from '../../server/db/client';
import { publishGuideline } from '../../server/guideline-store';
import { upsertUsers } from '../../server/users';
import { benchReportId, benchUsers, insertReportRows, lcg, type BenchReportRow } from './inbox-seed';

/*
 * M1's world: 1,000,000 quality events over 400 days and 20,000 gap reports, written straight
 * into the tables (one INSERT … SELECT FROM jsonb_to_recordset per batch, as inbox-seed.ts does),
 * not through the import: M1 measures reading the metrics. Three sites, each with its guideline
 * (a new version every 60 days, staggered by site, three sections changed each time), its queues,
 * policies and moderators. Events arrive in time order, as imports mostly do; each cites the
 * version in force when it happened. Around each change one queue's accuracy dips on a changed
 * section's policy and that section draws more reports, so section signals has real work to rank.
 * Deterministic (fixed LCGs).
 */

const DAY_MS = 86_400_000;
/** Day 0 of the seed; the last day is FIRST_DAY + DAYS − 1. */
const FIRST_DAY = '2025-01-01';
const START = Date.parse(`${FIRST_DAY}T00:00:00Z`);
export const DAYS = 400;
/** The last seeded day, YYYY-MM-DD: the dashboards' "today". */
export const LAST_DAY = new Date(START + (DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
const VERSION_EVERY_DAYS = 60;
/** Days after a change in which the first changed section's policy dips in its site's first queue. */
const DIP_DAYS = 14;
const SECTIONS = 12;
const ACTORS = 40;

interface Site {
  id: string;
  guideline: string;
  queues: readonly string[];
  policies: readonly string[];
  /** Days the site's version schedule is shifted by, so the three guidelines change on different days. */
  offsetDays: number;
}

const SITES: readonly Site[] = [
  {
    id: 'demo-moderation',
    guideline: 'moderation-handbook',
    queues: ['general', 'escalations', 'kids'],
    policies: ['hate_speech', 'violence', 'misinformation'],
    offsetDays: 0,
  },
  {
    id: 'demo-search',
    guideline: 'search-guide',
    queues: ['search-eval', 'freshness'],
    policies: ['relevance', 'misinformation'],
    offsetDays: 20,
  },
  {
    id: 'ads-review',
    guideline: 'ads-policy',
    queues: ['ads', 'listings', 'appeals'],
    policies: ['scams', 'spam'],
    offsetDays: 40,
  },
];

/** QA audits most, then appeals, gold checks and consensus; proportions of the events. */
const KINDS: readonly [string, number][] = [
  ['qa_audit', 0.55],
  ['appeal', 0.2],
  ['gold_check', 0.15],
  ['consensus', 0.1],
];

interface Version {
  name: string;
  /** Milliseconds since the epoch. */
  effective: number;
  /** Section indexes this version changed (the first is the one that dips). */
  changed: number[];
}

/** A site's versions, oldest first: v1 is in force before day 0, then one every VERSION_EVERY_DAYS days. */
function versionsOf(site: Site): Version[] {
  const versions: Version[] = [];
  for (let k = 0; ; k += 1) {
    const day = site.offsetDays + (k - 1) * VERSION_EVERY_DAYS;
    if (day >= DAYS) return versions;
    versions.push({
      name: `${site.guideline}-v${k + 1}`,
      effective: START + day * DAY_MS,
      changed: k === 0 ? [] : [0, 1, 2].map((j) => (k * 3 + j) % SECTIONS),
    });
  }
}

const VERSIONS = new Map(SITES.map((site) => [site.id, versionsOf(site)]));

/** The version of `site` in force at `at`, and when it took effect. */
function versionAt(site: Site, at: number): Version {
  const versions = VERSIONS.get(site.id)!;
  let current = versions[0]!;
  for (const version of versions) if (version.effective <= at) current = version;
  return current;
}

/** Section `i` of a site's guideline after `versions` (its body names the last of them that changed it). */
function section(site: Site, i: number, versions: readonly Version[]): GuidelineSectionInput {
  const lastChange = [...versions].reverse().find((v) => v.changed.includes(i));
  return {
    id: `sec-${i}`,
    heading: `${site.guideline} section ${i}`,
    body: `Rules of section ${i}${lastChange ? `, as revised in ${lastChange.name}` : ''}.`,
    policies: [site.policies[i % site.policies.length]!],
  };
}

/** Publishes every version of the three guidelines through the guideline store. */
async function seedGuidelines(db: Database, publisher: string): Promise<void> {
  for (const site of SITES) {
    const versions = VERSIONS.get(site.id)!;
    for (let k = 0; k < versions.length; k += 1) {
      const sections = Array.from({ length: SECTIONS }, (_, i) => section(site, i, versions.slice(0, k + 1)));
      const request = GuidelinePublishRequest.parse({
        guidelineId: site.guideline,
        site: site.id,
        title: `${site.guideline} ${versions[k]!.name}`,
        version: versions[k]!.name,
        effectiveFrom: new Date(versions[k]!.effective).toISOString(),
        sections,
      });
      const result = await publishGuideline(db, request, publisher);
      if (!result.ok) throw new Error(`could not publish ${versions[k]!.name}: ${result.reason}`);
    }
  }
}

/** Whether `at` falls in the dip after the version in force, for this queue and policy. */
function inDip(site: Site, version: Version, queue: string, policy: string, at: number): boolean {
  if (version.changed.length === 0 || queue !== site.queues[0]) return false;
  const dipPolicy = site.policies[version.changed[0]! % site.policies.length];
  return policy === dipPolicy && at - version.effective < DIP_DAYS * DAY_MS;
}

function pickWeighted(random: () => number, weights: readonly [string, number][]): string {
  let r = random();
  for (const [value, weight] of weights) {
    r -= weight;
    if (r < 0) return value;
  }
  return weights.at(-1)![0];
}

/** Event `n` of `count`, spread evenly over the days in time order, as jsonb_to_recordset reads it. */
function eventRow(n: number, count: number, random: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const at = START + Math.floor(((n + random()) * DAYS * DAY_MS) / count);
  const actorNumber = Math.floor(random() * ACTORS);
  // A moderator works on one site.
  const site = SITES[actorNumber % SITES.length]!;
  const queue = pick(site.queues);
  const policy = pick(site.policies);
  const version = versionAt(site, at);
  const kind = pickWeighted(random, KINDS);
  const pCorrect = inDip(site, version, queue, policy, at) ? 0.68 : 0.84;
  const r = random();
  const verdict = r < pCorrect ? 'correct' : r < pCorrect + 0.05 ? 'partially_correct' : 'incorrect';
  const decision = pick(['remove', 'keep', 'escalate']);
  return {
    id: `m1-${n}`,
    kind,
    site: site.id,
    item_key: `item-${Math.floor(random() * 60_000)}`,
    queue,
    policy,
    decision,
    verdict,
    corrected_decision: verdict === 'correct' ? null : decision === 'remove' ? 'keep' : 'remove',
    actor: `moderator-${actorNumber}`,
    auditor: `auditor-${Math.floor(random() * 8)}`,
    occurred_at: new Date(at).toISOString(),
    guideline_version: version.name,
  };
}

async function insertEventRows(db: Database, rows: readonly ReturnType<typeof eventRow>[]): Promise<void> {
  await db.execute(sql`
    insert into quality_events (id, kind, site, item_key, queue, policy, decision, verdict, corrected_decision,
      actor, auditor, occurred_at, guideline_version)
    select r.id, r.kind, r.site, r.item_key, r.queue, r.policy, r.decision, r.verdict, r.corrected_decision,
      r.actor, r.auditor, r.occurred_at, r.guideline_version
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, kind text, site text, item_key text,
      queue text, policy text, decision text, verdict text, corrected_decision text, actor text, auditor text,
      occurred_at timestamptz, guideline_version text)`);
}

const TYPES = ['unclear', 'missing', 'conflicting', 'outdated', 'other'];
const SEVERITIES = ['low', 'medium', 'medium', 'high', 'critical'];
const STATUSES = ['new', 'new', 'triaged', 'in_progress', 'resolved', 'wont_fix'];

/** Report `n` of `count`, in time order; a changed section draws three times its share for DIP_DAYS after. */
function reportRow(n: number, count: number, random: () => number): BenchReportRow {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const at = START + Math.floor(((n + random()) * DAYS * DAY_MS) / count);
  const site = pick(SITES);
  const version = versionAt(site, at);
  const fresh = version.changed.length > 0 && at - version.effective < DIP_DAYS * DAY_MS;
  const sectionIndex = fresh && random() < 0.3 ? version.changed[0]! : Math.floor(random() * SECTIONS);
  const reporter = Math.floor(random() * 200);
  const sectionId = `sec-${sectionIndex}`;
  const queue = pick(site.queues);
  const policy = site.policies[sectionIndex % site.policies.length]!;
  const itemKey = `item-${Math.floor(random() * 60_000)}`;
  const createdAt = new Date(at).toISOString();
  return {
    id: benchReportId(n),
    reporter: `reporter-${reporter}`,
    type: pick(TYPES),
    severity: pick(SEVERITIES),
    note: `Section ${sectionIndex} of ${site.guideline} does not say what to do here`,
    context: {
      pageUrl: `https://${site.id}.example/item/${itemKey}`,
      pageTitle: `${site.id} queue`,
      site: site.id,
      itemKey,
      fields: { queue },
      selection: null,
      guideline: { guidelineId: site.guideline, version: version.name, sectionId, heading: sectionId },
      proposedDecision: null,
    },
    status: pick(STATUSES),
    assignee: null,
    duplicate_of: null,
    created_at: createdAt,
    site: site.id,
    item_key: itemKey,
    queue,
    policy,
    guideline_id: site.guideline,
    section_id: sectionId,
    guideline_version: version.name,
    reporter_role: reporter % 3 === 0 ? 'moderator' : 'evaluator',
  };
}

/** The queue a drill-down opens: the first site's first queue, the one that dips after a change. */
export const M1_QUEUE = SITES[0]!.queues[0]!;

/** Writes the users, guidelines, `events` quality events and `reports` gap reports, then analyzes and vacuums. */
export async function seedMetrics(db: Database, events: number, reports: number): Promise<void> {
  const people = benchUsers();
  await upsertUsers(db, people);
  await seedGuidelines(db, people.find((user) => user.roles.includes('analyst'))!.id);
  const BATCH = 5_000;
  const eventRandom = lcg(11);
  for (let start = 0; start < events; start += BATCH) {
    const size = Math.min(BATCH, events - start);
    await insertEventRows(
      db,
      Array.from({ length: size }, (_, i) => eventRow(start + i, events, eventRandom)),
    );
  }
  const reportRandom = lcg(13);
  for (let start = 0; start < reports; start += BATCH) {
    const size = Math.min(BATCH, reports - start);
    await insertReportRows(
      db,
      Array.from({ length: size }, (_, i) => reportRow(start + i, reports, reportRandom)),
    );
  }
  // As autovacuum would soon after a load this size: statistics for the planner, and the
  // visibility map an index-only scan needs (PGlite has no autovacuum; PostgreSQL's would do this).
  await db.execute(sql`vacuum analyze quality_events`);
  await db.execute(sql`vacuum analyze gap_reports`);
}
