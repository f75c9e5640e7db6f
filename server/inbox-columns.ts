import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { Role, type GapReportContext } from '../contract';
import type { Database } from './db/client';
import { qualityEvents, users } from './db/schema';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The denormalised columns the triage inbox filters by, as a push fills them. */
export interface InboxColumns {
  site: string | null;
  itemKey: string | null;
  queue: string | null;
  policy: string | null;
  guidelineId: string | null;
  sectionId: string | null;
  guidelineVersion: string | null;
  reporterRole: Role;
}

/** The first role of `roles` in the contract's order: who someone reports as when they hold several. */
export function reportingRole(roles: readonly string[]): Role {
  return Role.options.find((role) => roles.includes(role)) ?? 'evaluator';
}

/**
 * The inbox columns of reports `reporter` is pushing now, one per context, in order. Queue and
 * policy come from the adapter's fields when it read them, else from the item's latest quality
 * event (one query for the whole batch); the role is the reporter's as it is at this moment.
 */
export async function inboxColumnsFor(
  db: Database | Transaction,
  reporter: string,
  contexts: readonly GapReportContext[],
): Promise<InboxColumns[]> {
  const [user] = await db.select({ roles: users.roles }).from(users).where(eq(users.id, reporter));
  const reporterRole = reportingRole(user?.roles ?? []);
  const latest = await latestEvents(
    db,
    contexts.flatMap((context) =>
      context.site && context.itemKey ? [{ site: context.site, itemKey: context.itemKey }] : [],
    ),
  );
  return contexts.map((context) => {
    const fields = (context.fields ?? {}) as Record<string, string | undefined>;
    const event = context.site && context.itemKey ? latest.get(itemKeyOf(context.site, context.itemKey)) : undefined;
    return {
      site: context.site ?? null,
      itemKey: context.itemKey ?? null,
      queue: fields.queue ?? event?.queue ?? null,
      // The adapter contract has no policy field yet; read it all the same, so adding one needs no change here.
      policy: fields.policy ?? event?.policy ?? null,
      guidelineId: context.guideline?.guidelineId ?? null,
      sectionId: context.guideline?.sectionId ?? null,
      guidelineVersion: context.guideline?.version ?? null,
      reporterRole,
    };
  });
}

function itemKeyOf(site: string, itemKey: string): string {
  return JSON.stringify([site, itemKey]);
}

/** Each item's newest quality event's queue and policy, keyed by itemKeyOf. */
async function latestEvents(
  db: Database | Transaction,
  items: { site: string; itemKey: string }[],
): Promise<Map<string, { queue: string; policy: string }>> {
  const unique = [...new Map(items.map((item) => [itemKeyOf(item.site, item.itemKey), item])).values()];
  if (unique.length === 0) return new Map();
  const bySite = new Map<string, string[]>();
  for (const item of unique) bySite.set(item.site, [...(bySite.get(item.site) ?? []), item.itemKey]);
  const matches: SQL[] = [...bySite].map(([site, keys]) =>
    and(eq(qualityEvents.site, site), inArray(qualityEvents.itemKey, keys))!,
  );
  // DISTINCT ON keeps the first row per item in this order: the newest event (id breaks ties).
  const rows = await db
    .selectDistinctOn([qualityEvents.site, qualityEvents.itemKey], {
      site: qualityEvents.site,
      itemKey: qualityEvents.itemKey,
      queue: qualityEvents.queue,
      policy: qualityEvents.policy,
    })
    .from(qualityEvents)
    .where(or(...matches))
    .orderBy(qualityEvents.site, qualityEvents.itemKey, desc(qualityEvents.occurredAt), desc(qualityEvents.id));
  return new Map(rows.map((row) => [itemKeyOf(row.site, row.itemKey), row]));
}
