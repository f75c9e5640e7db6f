import { asc, desc, eq, sql } from 'drizzle-orm';
import {
  CORE_INDEX_VERSIONS_MAX,
  CUSTOM_METRICS_MAX,
  type CoreIndexComponent,
  type CoreIndexInput,
  type CoreIndexVersion,
  type CustomMetric,
  type CustomMetricCreate,
  type CustomMetricInput,
} from '../../contract';
import type { Database } from '../db/client';
import { coreIndexVersions, customMetrics } from '../db/schema';
import { ApiError } from '../errors';
import { builtInMetric, DEFAULT_CORE_INDEX } from './definitions';

/** Serialises writes of metric definitions, so caps and version numbers hold across API processes. */
const METRICS_LOCK_KEY = 7_346_011;

type Row = typeof customMetrics.$inferSelect;

function toCustomMetric(row: Row): CustomMetric {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.denominator ? 'proportion' : 'count',
    numerator: row.numerator,
    denominator: row.denominator ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Every custom metric, by id. */
export async function listCustomMetrics(db: Database): Promise<CustomMetric[]> {
  const rows = await db.select().from(customMetrics).orderBy(asc(customMetrics.id));
  return rows.map(toCustomMetric);
}

/** One custom metric, or undefined. */
export async function findCustomMetric(db: Database, id: string): Promise<CustomMetric | undefined> {
  const [row] = await db.select().from(customMetrics).where(eq(customMetrics.id, id));
  return row ? toCustomMetric(row) : undefined;
}

/** Stores a new custom metric; 409 when the id is taken or the cap is reached. */
export async function createCustomMetric(db: Database, input: CustomMetricCreate, by: string): Promise<CustomMetric> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${METRICS_LOCK_KEY})`);
    if ((await tx.$count(customMetrics)) >= CUSTOM_METRICS_MAX) {
      throw new ApiError(409, 'limit_reached', `at most ${CUSTOM_METRICS_MAX} custom metrics; delete one first`);
    }
    const [row] = await tx
      .insert(customMetrics)
      .values({ ...fields(input), id: input.id, createdBy: by, updatedBy: by })
      .onConflictDoNothing({ target: customMetrics.id })
      .returning();
    if (!row)
      throw new ApiError(
        409,
        'conflict',
        `a custom metric ${input.id} exists; PUT /v1/metrics/custom/${input.id} changes it`,
      );
    return toCustomMetric(row);
  });
}

/** Replaces a custom metric's definition; undefined when there is none. */
export async function replaceCustomMetric(
  db: Database,
  id: string,
  input: CustomMetricInput,
  by: string,
): Promise<CustomMetric | undefined> {
  const [row] = await db
    .update(customMetrics)
    .set({ ...fields(input), updatedBy: by, updatedAt: new Date() })
    .where(eq(customMetrics.id, id))
    .returning();
  return row ? toCustomMetric(row) : undefined;
}

/** Deletes a custom metric; false when there was none. Core index versions keep their own copy of its filters. */
export async function deleteCustomMetric(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(customMetrics).where(eq(customMetrics.id, id)).returning({ id: customMetrics.id });
  return rows.length > 0;
}

function fields(input: CustomMetricInput) {
  return {
    name: input.name,
    description: input.description,
    numerator: input.numerator,
    denominator: input.denominator,
  };
}

type IndexRow = typeof coreIndexVersions.$inferSelect;

function toVersion(row: IndexRow): CoreIndexVersion {
  return {
    version: row.version,
    name: row.name,
    description: row.description,
    components: row.components,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The core index in force: the newest saved version, else the built-in default (version 0). */
export async function currentCoreIndex(db: Database): Promise<CoreIndexVersion> {
  const [row] = await db.select().from(coreIndexVersions).orderBy(desc(coreIndexVersions.version)).limit(1);
  return row ? toVersion(row) : DEFAULT_CORE_INDEX;
}

/** One version of the core index (0 is the default), or undefined. */
export async function findCoreIndex(db: Database, version: number): Promise<CoreIndexVersion | undefined> {
  if (version === 0) return DEFAULT_CORE_INDEX;
  const [row] = await db.select().from(coreIndexVersions).where(eq(coreIndexVersions.version, version));
  return row ? toVersion(row) : undefined;
}

/** Every version, newest first, the default last. */
export async function listCoreIndexVersions(db: Database): Promise<CoreIndexVersion[]> {
  const rows = await db.select().from(coreIndexVersions).orderBy(desc(coreIndexVersions.version));
  return [...rows.map(toVersion), DEFAULT_CORE_INDEX];
}

/**
 * Saves a new version of the core index. Each component must name a proportion metric (a
 * built-in one or a custom one with a denominator); its filters are copied into the version.
 */
export async function saveCoreIndex(db: Database, input: CoreIndexInput, by: string): Promise<CoreIndexVersion> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${METRICS_LOCK_KEY})`);
    const components: CoreIndexComponent[] = [];
    for (const [i, component] of input.components.entries()) {
      const builtIn = builtInMetric(component.metric);
      const [custom] = builtIn
        ? []
        : await tx.select().from(customMetrics).where(eq(customMetrics.id, component.metric));
      const filters =
        builtIn?.source === 'quality_events'
          ? { numerator: builtIn.numerator, denominator: builtIn.denominator }
          : custom
            ? { numerator: custom.numerator, denominator: custom.denominator ?? null }
            : null;
      const path = `components.${i}.metric`;
      if (!filters) {
        throw new ApiError(400, 'invalid_request', `invalid core index: ${path}: no metric ${component.metric}`, [
          { path, message: `no metric ${component.metric}` },
        ]);
      }
      if (!filters.denominator) {
        const message = `${component.metric} is a count; the core index combines proportions`;
        throw new ApiError(400, 'invalid_request', `invalid core index: ${path}: ${message}`, [{ path, message }]);
      }
      components.push({ ...component, numerator: filters.numerator, denominator: filters.denominator });
    }
    const [{ latest } = { latest: 0 }] = await tx
      .select({ latest: sql<number>`coalesce(max(${coreIndexVersions.version}), 0)::int` })
      .from(coreIndexVersions);
    if (latest >= CORE_INDEX_VERSIONS_MAX) {
      throw new ApiError(409, 'limit_reached', `at most ${CORE_INDEX_VERSIONS_MAX} versions of the core index`);
    }
    const [row] = await tx
      .insert(coreIndexVersions)
      .values({ version: latest + 1, name: input.name, description: input.description, components, createdBy: by })
      .returning();
    return toVersion(row!);
  });
}
