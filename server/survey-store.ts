import { and, asc, desc, eq, gt, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  Survey,
  SurveyKind,
  SurveyListResponse,
  SurveyParsed,
  SurveyPerson,
  SurveyStatus,
  SurveySyncResponse,
  SyncedSurvey,
} from '../contract';
import type { Database } from './db/client';
import { surveys, users } from './db/schema';
import { lockSurveys } from './survey-lock';

/** A stored survey row. */
export type SurveyRow = typeof surveys.$inferSelect;

/** The next value of the survey revision sequence, for an UPDATE's SET. */
export const nextSurveyRevision = sql`nextval('survey_revision_seq')`;

/** The columns a survey's analyst-written fields are stored in, every absent part null. */
export function surveyColumns(survey: SurveyParsed) {
  return {
    question: survey.question,
    kind: survey.kind,
    scale: survey.scale
      ? {
          min: survey.scale.min,
          max: survey.scale.max,
          minLabel: survey.scale.minLabel ?? null,
          maxLabel: survey.scale.maxLabel ?? null,
        }
      : null,
    options: survey.options ? survey.options.map((option) => ({ id: option.id, label: option.label })) : null,
    allowComment: survey.allowComment,
    target: {
      sites: survey.target.sites,
      queues: survey.target.queues,
      policies: survey.target.policies,
      sections: survey.target.sections,
      fields: survey.target.fields.map((entry) => ({ field: entry.field, values: entry.values })),
    },
    startsAt: new Date(survey.window.startsAt),
    endsAt: new Date(survey.window.endsAt),
    samplingRate: survey.samplingRate,
    responseCap: survey.responseCap,
  };
}

/** A row's analyst-written fields as the contract's input, for merging a patch into them. */
export function surveyFieldsOf(row: SurveyRow): SurveyParsed {
  return {
    question: row.question,
    kind: row.kind as SurveyKind,
    scale: row.scale,
    options: row.options,
    allowComment: row.allowComment,
    target: row.target,
    window: { startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() },
    samplingRate: row.samplingRate,
    responseCap: row.responseCap,
  };
}

/** Stores a new survey made by `createdBy`, as a draft or active; `id` is for seeds, which need a fixed one. */
export async function createSurvey(
  db: Database,
  input: SurveyParsed,
  status: 'draft' | 'active',
  createdBy: string,
  id: string = uuidv7(),
): Promise<Survey> {
  const row = await db.transaction(async (tx) => {
    await lockSurveys(tx);
    const [inserted] = await tx
      .insert(surveys)
      .values({
        id,
        ...surveyColumns(input),
        status,
        createdBy,
        activatedAt: status === 'active' ? sql`now()` : null,
      })
      .returning();
    return inserted!;
  });
  return (await toSurveys(db, [row]))[0]!;
}

/** One survey, or null for an unknown id. */
export async function findSurvey(db: Database, id: string): Promise<Survey | null> {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  return row ? (await toSurveys(db, [row]))[0]! : null;
}

/** Surveys newest first (UUIDv7 ids follow creation time), optionally of one status, after `before`. */
export async function listSurveys(
  db: Database,
  query: { status?: SurveyStatus; before?: string; limit: number },
): Promise<SurveyListResponse> {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(surveys.status, query.status));
  if (query.before) conditions.push(lt(surveys.id, query.before));
  const rows = await db
    .select()
    .from(surveys)
    .where(and(...conditions))
    .orderBy(desc(surveys.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    surveys: await toSurveys(db, page),
    nextBefore: rows.length > query.limit ? page.at(-1)!.id : null,
  };
}

/** Surveys that are or were active, changed after revision `since`, oldest change first. */
export async function syncSurveys(db: Database, since: number, limit: number): Promise<SurveySyncResponse> {
  const rows = await db
    .select()
    .from(surveys)
    .where(and(gt(surveys.revision, since), isNotNull(surveys.activatedAt)))
    .orderBy(asc(surveys.revision))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    surveys: page.map(toSyncedSurvey),
    nextCursor: String(page.at(-1)?.revision ?? since),
    hasMore: rows.length > limit,
  };
}

/** A row as every client sees it: no author, no count. */
export function toSyncedSurvey(row: SurveyRow): SyncedSurvey {
  return {
    id: row.id,
    ...surveyFieldsOf(row),
    scale: row.scale,
    options: row.options,
    status: row.status as SurveyStatus,
    updatedAt: row.updatedAt.toISOString(),
    revision: row.revision,
    capReached: row.responseCount >= row.responseCap,
  };
}

/** Rows as analysts see them, with their authors' names. */
export async function toSurveys(db: Database, rows: SurveyRow[]): Promise<Survey[]> {
  const people = await peopleById(
    db,
    rows.map((row) => row.createdBy),
  );
  return rows.map((row) => ({
    ...toSyncedSurvey(row),
    createdBy: people.get(row.createdBy) ?? { id: row.createdBy, name: row.createdBy },
    createdAt: row.createdAt.toISOString(),
    responseCount: row.responseCount,
  }));
}

/** Names of users by id. */
export async function peopleById(db: Database, ids: string[]): Promise<Map<string, SurveyPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}
