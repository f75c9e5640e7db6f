import { sql } from 'drizzle-orm';
import type { MyQualityResponse } from '../contract';
import type { Database } from './db/client';

export interface MyQualityWindow {
  /** The actor whose decisions are judged (a user id; imports name actors by it). */
  userId: string;
  /** ISO weeks, the current one included. */
  weeks: number;
  /** IANA time zone the weeks are cut in. */
  tz: string;
  now: Date;
}

/**
 * A person's own accuracy in the last `weeks` ISO weeks of `tz`: QA audits and gold checks of the
 * decisions whose actor they are, correct against all (partially correct is not correct), in total,
 * by policy and by week. One SQL statement groups the three ways at once (grouping sets) and builds
 * the answer's JSON, every week of the window included.
 */
export async function myQuality(db: Database, window: MyQualityWindow): Promise<MyQualityResponse> {
  const { userId, weeks, tz, now } = window;
  const accuracy = (t: string) =>
    sql.raw(`'events', coalesce(${t}.events, 0), 'correct', coalesce(${t}.correct, 0),
      'accuracy', ${t}.correct::float8 / nullif(${t}.events, 0)`);
  const result = await db.execute(sql`
    with bounds as (
      -- Local (zone-less) start of the first week; "at time zone" turns it back into an instant.
      select date_trunc('week', ${now.toISOString()}::timestamptz at time zone ${tz})
        - make_interval(weeks => ${weeks} - 1) as first_week
    ),
    judged as (
      select e.policy, date_trunc('week', e.occurred_at at time zone ${tz}) as week, e.verdict = 'correct' as correct
      from quality_events e, bounds b
      where e.actor = ${userId}
        and e.kind in ('qa_audit', 'gold_check')
        and e.occurred_at >= (b.first_week at time zone ${tz})
        and e.occurred_at <= ${now.toISOString()}::timestamptz
    ),
    grouped as (
      select grouping(policy) as all_policies, grouping(week) as all_weeks, policy, week,
        count(*)::int as events, (count(*) filter (where correct))::int as correct
      from judged
      group by grouping sets ((policy), (week), ())
    )
    select json_build_object(
      'from', to_char((b.first_week at time zone ${tz}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'total', (select json_build_object(${accuracy('g')}) from grouped g where g.all_policies = 1 and g.all_weeks = 1),
      'byPolicy', coalesce((
        select json_agg(json_build_object('policy', g.policy, ${accuracy('g')}) order by g.policy)
        from grouped g where g.all_policies = 0), '[]'),
      'byWeek', (
        select json_agg(json_build_object(
            'week', to_char(w, 'IYYY-"W"IW'), 'weekStart', to_char(w, 'YYYY-MM-DD'), ${accuracy('g')}) order by w)
        from generate_series(b.first_week, b.first_week + make_interval(weeks => ${weeks} - 1), interval '1 week') w
        left join grouped g on g.all_weeks = 0 and g.all_policies = 1 and g.week = w)
    )::text as body
    from bounds b`);
  // Both drivers answer `{ rows }`; Drizzle types the shared result as unknown.
  const [row] = (result as unknown as { rows: { body: string }[] }).rows;
  const body = JSON.parse(row!.body) as Pick<MyQualityResponse, 'from' | 'total' | 'byPolicy' | 'byWeek'>;
  return { userId, tz, weeks, to: now.toISOString(), ...body };
}
