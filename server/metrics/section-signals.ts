import { sql } from 'drizzle-orm';
import type {
  DrillQuery,
  GuidelineSection,
  QueueSignal,
  SectionSignal,
  SectionSignalsQuery,
  SectionSignalsResponse,
  SignalSide,
} from '../../contract';
import type { Database } from '../db/client';
import { addDays, instantBounds } from './days';
import { rowsOf, withZone } from './filters-sql';

/*
 * Sections where error rates and gap reports rise together around a guideline version change.
 *
 * For each version that took effect in the range (day D in the zone), each section it changed or
 * added is compared over `windowDays` days on either side: before = D−W … D−1, judged under the
 * previous version; after = D … D+W−1, judged under the new one. A section judges the events of
 * the policies it is tagged with on the guideline's site (QA audits and gold checks, as accuracy
 * counts them); its gap reports are those naming it (guideline and section) that arrived in each
 * window. Each rise gets a z statistic (two proportions for errors; after against before for
 * reports, equal windows) and the score is their geometric mean over the positive parts: it is
 * zero unless both rose. The same is done per queue, because a change often hurts one queue only;
 * a section ranks by the stronger of its own score and its strongest queue's.
 */

interface VersionRow {
  guidelineId: string;
  site: string;
  version: string;
  effectiveFrom: string;
  changeDay: string;
  sections: GuidelineSection[];
}

interface Change {
  guidelineId: string;
  site: string;
  fromVersion: string;
  toVersion: string;
  effectiveFrom: string;
  day: string;
  sections: { section: GuidelineSection; change: 'changed' | 'added' }[];
}

/** The ranked signals of `query`. */
export async function sectionSignals(db: Database, query: SectionSignalsQuery): Promise<SectionSignalsResponse> {
  return withZone(query.tz, async () => {
    const changes = await versionChanges(db, query);
    const signals: SectionSignal[] = [];
    for (const change of changes) signals.push(...(await changeSignals(db, change, query)));
    signals.sort(
      (a, b) =>
        b.rankScore - a.rankScore ||
        b.score - a.score ||
        a.guidelineId.localeCompare(b.guidelineId) ||
        a.sectionId.localeCompare(b.sectionId),
    );
    return { from: query.from, to: query.to, tz: query.tz, windowDays: query.windowDays, signals };
  });
}

async function versionChanges(db: Database, query: SectionSignalsQuery): Promise<Change[]> {
  const result = await db.execute(sql`
    select v.guideline_id as "guidelineId", g.site, v.version,
      to_char(v.effective_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "effectiveFrom",
      to_char((v.effective_from at time zone ${query.tz})::date, 'YYYY-MM-DD') as "changeDay", v.sections
    from guideline_versions v join guidelines g on g.id = v.guideline_id
    where (${query.site ?? null}::text is null or g.site = ${query.site ?? null})
      and (${query.guideline ?? null}::text is null or g.id = ${query.guideline ?? null})
    order by v.guideline_id, v.effective_from, v.version`);
  const rows = rowsOf<VersionRow>(result);
  const changes: Change[] = [];
  rows.forEach((next, i) => {
    const previous = rows[i - 1];
    if (!previous || previous.guidelineId !== next.guidelineId) return;
    if (next.changeDay < query.from || next.changeDay > query.to) return;
    const before = new Map(previous.sections.map((section) => [section.id, JSON.stringify(section)]));
    const sections = next.sections.flatMap((section) => {
      const old = before.get(section.id);
      if (old === JSON.stringify(section)) return [];
      return [{ section, change: old === undefined ? ('added' as const) : ('changed' as const) }];
    });
    changes.push({
      guidelineId: next.guidelineId,
      site: next.site,
      fromVersion: previous.version,
      toVersion: next.version,
      effectiveFrom: next.effectiveFrom,
      day: next.changeDay,
      sections,
    });
  });
  return changes;
}

interface EventCell {
  policy: string;
  queue: string;
  after: boolean;
  judged: number;
  correct: number;
}

interface ReportCell {
  sectionId: string;
  queue: string | null;
  after: boolean;
  n: number;
}

async function changeSignals(db: Database, change: Change, query: SectionSignalsQuery): Promise<SectionSignal[]> {
  if (change.sections.length === 0) return [];
  const w = query.windowDays;
  const windows = {
    before: { from: addDays(change.day, -w), to: addDays(change.day, -1) },
    after: { from: change.day, to: addDays(change.day, w - 1) },
  };
  const { lo, hi } = instantBounds(windows.before.from, windows.after.to);
  const policies = [...new Set(change.sections.flatMap(({ section }) => section.policies))];
  const eventDay = sql`(e.occurred_at at time zone ${query.tz})::date`;
  const events =
    policies.length === 0
      ? []
      : rowsOf<EventCell>(
          await db.execute(sql`
            select e.policy, e.queue, ${eventDay} >= ${change.day}::date as after,
              count(*)::int as judged, (count(*) filter (where e.verdict = 'correct'))::int as correct
            from quality_events e
            where e.occurred_at >= ${lo}::timestamptz and e.occurred_at < ${hi}::timestamptz
              and e.site = ${change.site} and e.kind in ('qa_audit', 'gold_check')
              and e.policy in (${sql.join(
                policies.map((p) => sql`${p}`),
                sql`, `,
              )})
              and ((e.guideline_version = ${change.fromVersion}
                    and ${eventDay} between ${windows.before.from}::date and ${windows.before.to}::date)
                or (e.guideline_version = ${change.toVersion}
                    and ${eventDay} between ${windows.after.from}::date and ${windows.after.to}::date))
            group by 1, 2, 3`),
        );
  const reportDay = sql`(r.created_at at time zone ${query.tz})::date`;
  const reports = rowsOf<ReportCell>(
    await db.execute(sql`
      select r.section_id as "sectionId", r.queue, ${reportDay} >= ${change.day}::date as after, count(*)::int as n
      from gap_reports r
      where r.created_at >= ${lo}::timestamptz and r.created_at < ${hi}::timestamptz
        and r.guideline_id = ${change.guidelineId}
        and r.section_id in (${sql.join(
          change.sections.map(({ section }) => sql`${section.id}`),
          sql`, `,
        )})
        and ${reportDay} between ${windows.before.from}::date and ${windows.after.to}::date
      group by 1, 2, 3`),
  );

  return change.sections.map(({ section, change: kind }) => {
    const ownEvents = events.filter((cell) => section.policies.includes(cell.policy));
    const ownReports = reports.filter((cell) => cell.sectionId === section.id);
    const side = (after: boolean, queue?: string): SignalSide => {
      const cells = ownEvents.filter((c) => c.after === after && (queue === undefined || c.queue === queue));
      const judged = cells.reduce((sum, c) => sum + c.judged, 0);
      const correct = cells.reduce((sum, c) => sum + c.correct, 0);
      const gapReports = ownReports
        .filter((c) => c.after === after && (queue === undefined || c.queue === queue))
        .reduce((sum, c) => sum + c.n, 0);
      const window = after ? windows.after : windows.before;
      const version = after ? change.toVersion : change.fromVersion;
      return { ...window, version, judged, correct, errorRate: judged === 0 ? null : 1 - correct / judged, gapReports };
    };
    const before = side(false);
    const after = side(true);
    const queues = [...new Set(ownEvents.map((c) => c.queue))];
    const byQueue: QueueSignal[] = queues
      .map((queue) => ({ queue, before: side(false, queue), after: side(true, queue) }))
      .filter((q) => q.before.judged > 0 && q.after.judged > 0)
      .map((q) => ({ ...q, ...strength(q.before, q.after) }))
      .sort((a, b) => b.score - a.score || a.queue.localeCompare(b.queue));
    const own = strength(before, after);
    return {
      guidelineId: change.guidelineId,
      site: change.site,
      sectionId: section.id,
      heading: section.heading,
      change: kind,
      fromVersion: change.fromVersion,
      toVersion: change.toVersion,
      effectiveFrom: change.effectiveFrom,
      policies: section.policies,
      before,
      after,
      ...own,
      byQueue,
      rankScore: Math.max(own.score, byQueue[0]?.score ?? 0),
      drill: drill(change, section, windows, query.tz),
    };
  });
}

/** The z statistics of both rises and their combined score. */
function strength(before: SignalSide, after: SignalSide): { errorZ: number | null; gapZ: number; score: number } {
  let errorZ: number | null = null;
  if (before.judged > 0 && after.judged > 0) {
    const e1 = before.judged - before.correct;
    const e2 = after.judged - after.correct;
    const pooled = (e1 + e2) / (before.judged + after.judged);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / before.judged + 1 / after.judged));
    errorZ = se === 0 ? 0 : (e2 / after.judged - e1 / before.judged) / se;
  }
  const reports = before.gapReports + after.gapReports;
  const gapZ = reports === 0 ? 0 : (after.gapReports - before.gapReports) / Math.sqrt(reports);
  const score = Math.sqrt(Math.max(errorZ ?? 0, 0) * Math.max(gapZ, 0));
  return { errorZ, gapZ, score };
}

function drill(
  change: Change,
  section: GuidelineSection,
  windows: Record<'before' | 'after', { from: string; to: string }>,
  tz: string,
): SectionSignal['drill'] {
  const events = (policy: string, side: 'before' | 'after'): DrillQuery => ({
    metric: 'accuracy',
    ...windows[side],
    tz,
    site: change.site,
    policy,
    guideline_version: side === 'before' ? change.fromVersion : change.toVersion,
  });
  const reports = (side: 'before' | 'after'): DrillQuery => ({
    guideline: change.guidelineId,
    section: section.id,
    ...windows[side],
    tz,
    merged: 'include',
  });
  return {
    events: section.policies.map((policy) => ({
      policy,
      before: events(policy, 'before'),
      after: events(policy, 'after'),
    })),
    reports: { before: reports('before'), after: reports('after') },
  };
}
