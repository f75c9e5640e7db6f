import { inArray, sql } from 'drizzle-orm';
import {
  type GapReportInput,
  GuidelinePublishRequest,
  SurveyCreateRequest,
  type GuidelinePublishRequestInput,
  type ImportResponse,
  type QualityEventRow,
  type SiteAdapter,
  type User,
} from '../contract';
import { publishAdapter } from './adapter-store';
import type { Database } from './db/client';
import { gapReports, qualityEvents } from './db/schema';
import { pushGapReports } from './gap-report-push';
import { findGuidelineVersion, publishGuideline } from './guideline-store';
import { importEvents } from './import';
import { createSurvey, findSurvey } from './survey-store';
import { upsertUsers } from './users';

export interface Seed {
  users: User[];
  events: QualityEventRow[];
  /** Published when the stored version is lower than the document's. */
  adapters?: SiteAdapter[];
  /** Guideline versions, oldest first; a version already stored is left as it is (versions are immutable). */
  guidelines?: GuidelinePublishRequestInput[];
  /** Surveys by fixed id, each made by `createdBy` (a user that must exist); a stored id is left as it is. */
  surveys?: (SurveyCreateRequest & { id: string; createdBy: string })[];
  /** The user id adapters and guidelines are published as; required with either, and must exist (e.g. in `users`). */
  publisher?: string;
  /** Gap reports by fixed id, pushed as `reporter` and dated `receivedAt`; a stored id is left as it is. */
  gapReports?: { reporter: string; receivedAt: string; report: GapReportInput }[];
}

/** Upserts users, imports events, publishes adapters and guidelines, adds surveys; safe to run on every start (known ids and versions are skipped). */
export async function seedDatabase(db: Database, seed: Seed): Promise<ImportResponse> {
  await upsertUsers(db, seed.users);
  await seedAdapters(db, seed.adapters ?? [], seed.publisher);
  await seedGuidelines(db, seed.guidelines ?? [], seed.publisher);
  await seedSurveys(db, seed.surveys ?? []);
  // Seeding runs on every start: one id query is far cheaper than re-sending every row.
  const ids = JSON.stringify(seed.events.map((event) => event.id));
  const known = await db
    .select({ id: qualityEvents.id })
    .from(qualityEvents)
    .where(inArray(qualityEvents.id, sql`(select jsonb_array_elements_text(${ids}::jsonb))`));
  const knownIds = new Set(known.map((row) => row.id));
  const fresh = seed.events.filter((event) => !knownIds.has(event.id));
  const result = fresh.length === 0 ? { inserted: 0, itemsUpdated: 0 } : await importEvents(db, fresh);
  // After the events: a report's queue and policy are read from its item's latest event.
  await seedGapReports(db, seed.gapReports ?? []);
  return {
    received: seed.events.length,
    inserted: result.inserted,
    duplicates: seed.events.length - result.inserted,
    itemsUpdated: result.itemsUpdated,
  };
}

async function seedAdapters(db: Database, adapters: SiteAdapter[], publisher: string | undefined): Promise<void> {
  if (adapters.length === 0) return;
  if (!publisher) throw new Error('seeding adapters needs a publisher (a user id)');
  for (const adapter of adapters) {
    // A stored version at or above the file's is left alone: an admin may have published a newer one.
    await publishAdapter(db, adapter, publisher, { allowSkip: true });
  }
}

async function seedSurveys(db: Database, surveys: NonNullable<Seed['surveys']>): Promise<void> {
  for (const { id, createdBy, ...request } of surveys) {
    // A stored survey keeps its window and answers: an analyst may have edited or closed it since.
    if (await findSurvey(db, id)) continue;
    const { status, ...input } = SurveyCreateRequest.parse(request);
    await createSurvey(db, input, status, createdBy, id);
  }
}

async function seedGuidelines(
  db: Database,
  versions: GuidelinePublishRequestInput[],
  publisher: string | undefined,
): Promise<void> {
  if (versions.length === 0) return;
  if (!publisher) throw new Error('seeding guidelines needs a publisher (a user id)');
  for (const version of versions) {
    // A stored version keeps its text and date: a restart on a later day moves the seed's dates, and
    // the events stored on the first start cite the versions as they were then. Skipped before
    // publishing, so restarts add no "unchanged" rows to the audit trail.
    if (await findGuidelineVersion(db, version.guidelineId, version.version)) continue;
    await publishGuideline(db, GuidelinePublishRequest.parse(version), publisher);
  }
}

async function seedGapReports(db: Database, reports: NonNullable<Seed['gapReports']>): Promise<void> {
  for (const { reporter, receivedAt, report } of reports) {
    const [result] = await pushGapReports(db, reporter, [report]);
    if (result?.outcome !== 'created') continue;
    // A push stamps the arrival "now"; a seeded report arrived when the seed says. Only a report
    // this run created is dated, so one an analyst has since worked on keeps its history.
    await db
      .update(gapReports)
      .set({ createdAt: new Date(receivedAt), updatedAt: new Date(receivedAt) })
      .where(sql`${gapReports.id} = ${report.id}`);
  }
}
