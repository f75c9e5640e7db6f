import { sql } from 'drizzle-orm';
import type { GapReportContext, Role, User } from '../../contract';
import type { Database } from '../../server/db/client';
import { upsertUsers } from '../../server/users';

/*
 * 100,000 gap reports for E1, written straight into gap_reports in batches (one INSERT … SELECT
 * FROM jsonb_to_recordset per 2,000 rows, the same on PGlite and PostgreSQL), not through the
 * push: E1 measures reading the inbox, and a push per report would take longer than the bench.
 * Deterministic (a fixed LCG), varied in every filtered field, with batches that share an arrival
 * time to the microsecond as one push does, a share of Chinese notes, and ~3% merged duplicates.
 */

export const SITES = ['demo-moderation', 'demo-search', 'ads-review', 'marketplace'] as const;
const GUIDELINES = ['moderation-handbook', 'search-guide', 'ads-policy'] as const;
const QUEUES = ['general', 'appeals', 'escalations', 'spam', 'search-eval', 'ads', 'listings', 'kids'];
const POLICIES = ['hate_speech', 'misinformation', 'spam', 'violence', 'relevance', 'freshness', 'scams', 'nudity'];
const STATUSES = ['new', 'new', 'new', 'new', 'triaged', 'triaged', 'in_progress', 'resolved', 'resolved', 'wont_fix'];
const TYPES = ['unclear', 'missing', 'conflicting', 'outdated', 'other'];
const SEVERITIES = ['low', 'medium', 'medium', 'high', 'critical'];
const WORDS = (
  'satire misinformation section policy unclear example threshold context appeal label borderline ' +
  'guideline decision queue reviewer escalation screenshot freshness ranking relevance spam scam ' +
  'violence nudity minors medical election quote parody news claim source translation region'
).split(' ');
const CHINESE = ['讽刺内容是否算作虚假信息', '指南没有说明这种情况', '申诉按钮很难找到', '新闻来源的标准不清楚'];

/** A section id per guideline: `s0` … `s13`. */
export const sectionOf = (n: number) => `s${n % 14}`;

/** A fixed, valid UUIDv7 numbered `n`. */
export const benchReportId = (n: number) => `0190a5b2-7c3e-7abc-8def-${n.toString(16).padStart(12, '0')}`;

/** The people of the seed: reporters by role, and the analysts who triage. */
export function benchUsers(): User[] {
  const reporters = Array.from({ length: 200 }, (_, i): User => {
    const role: Role = i % 3 === 0 ? 'moderator' : 'evaluator';
    return { id: `reporter-${i}`, name: `Reporter ${i}`, roles: [role] };
  });
  const analysts = Array.from({ length: 5 }, (_, i): User => ({
    id: `analyst-${i}`,
    name: `Analyst ${i}`,
    roles: ['analyst'],
  }));
  return [...reporters, ...analysts];
}

/** A fixed linear congruential generator: the same rows on every run. */
export function lcg(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** A gap report as insertReportRows writes it; other benches build their own. */
export interface BenchReportRow {
  id: string;
  reporter: string;
  type: string;
  severity: string;
  note: string;
  context: GapReportContext;
  status: string;
  assignee: string | null;
  duplicate_of: string | null;
  created_at: string;
  site: string;
  item_key: string;
  queue: string;
  policy: string;
  guideline_id: string;
  section_id: string;
  guideline_version: string;
  reporter_role: string;
}

/** Row `n` of the seed as jsonb_to_recordset reads it. */
function reportRow(n: number, random: () => number): BenchReportRow {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const reporter = Math.floor(random() * 200);
  const site = pick(SITES);
  const guideline = pick(GUIDELINES);
  const section = sectionOf(Math.floor(random() * 1000));
  const fields = random() < 0.7 ? { queue: pick(QUEUES) } : null;
  const note =
    random() < 0.1
      ? `${pick(CHINESE)}（第${n % 50}条）`
      : Array.from({ length: 6 + Math.floor(random() * 14) }, () => pick(WORDS)).join(' ');
  // Ten reports share each arrival instant, as one push stores its batch; a year of them.
  const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(n / 10) * 315_000 + 123).toISOString();
  const context = {
    pageUrl: `https://${site}.example/item/${n % 5000}`,
    pageTitle: `${site} queue`,
    site,
    itemKey: `item-${n % 5000}`,
    fields,
    selection: random() < 0.5 ? pick(WORDS) : null,
    guideline: {
      guidelineId: guideline,
      version: `${guideline}-v${1 + (n % 4)}`,
      sectionId: section,
      heading: section,
    },
    proposedDecision: null,
  };
  return {
    id: benchReportId(n),
    reporter: `reporter-${reporter}`,
    type: pick(TYPES),
    severity: pick(SEVERITIES),
    note,
    context,
    status: pick(STATUSES),
    assignee: random() < 0.5 ? null : `analyst-${Math.floor(random() * 5)}`,
    // About 3% are merged into a report filed a little earlier.
    duplicate_of: n > 100 && random() < 0.03 ? benchReportId(n - 1 - Math.floor(random() * 100)) : null,
    created_at: at,
    site,
    item_key: context.itemKey,
    queue: fields?.queue ?? pick(QUEUES),
    policy: pick(POLICIES),
    guideline_id: guideline,
    section_id: section,
    guideline_version: context.guideline.version,
    reporter_role: reporter % 3 === 0 ? 'moderator' : 'evaluator',
  };
}

/** Inserts `rows` straight into gap_reports, one INSERT … SELECT FROM jsonb_to_recordset. */
export async function insertReportRows(db: Database, rows: readonly BenchReportRow[]): Promise<void> {
  await db.execute(sql`
    insert into gap_reports (id, reporter, type, severity, note, context, digest, status, assignee, duplicate_of,
      created_at, client_created_at, updated_at, site, item_key, queue, policy, guideline_id, section_id,
      guideline_version, reporter_role)
    select r.id, r.reporter, r.type, r.severity, r.note, r.context, 'bench', r.status, r.assignee, r.duplicate_of,
      r.created_at, r.created_at, r.created_at, r.site, r.item_key, r.queue, r.policy, r.guideline_id, r.section_id,
      r.guideline_version, r.reporter_role
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, reporter text, type text, severity text,
      note text, context jsonb, status text, assignee text, duplicate_of uuid, created_at timestamptz, site text,
      item_key text, queue text, policy text, guideline_id text, section_id text, guideline_version text,
      reporter_role text)`);
}

/** Writes the users and `count` reports; answers nothing, the caller reads what it needs. */
export async function seedInbox(db: Database, count: number): Promise<void> {
  await upsertUsers(db, benchUsers());
  const random = lcg(7);
  const BATCH = 2_000;
  for (let start = 0; start < count; start += BATCH) {
    await insertReportRows(
      db,
      Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => reportRow(start + i, random)),
    );
  }
  // As autovacuum would soon after a load this size: the planner needs the new table's statistics.
  await db.execute(sql`analyze gap_reports`);
}
