import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import {
  DETAIL_PATH_MAX,
  MESSAGE_MAX,
  type ErrorDetail,
  type ImportJob,
  type ImportJobStatus,
  type ImportResponse,
} from '../contract';
import type { Database } from './db/client';
import { importJobs } from './db/schema';
import { clip } from './errors';
import type { ImportFormat } from './import-read';

/*
 * Import jobs live in the database, not in a process: the process reading a file writes its
 * progress there, and any API process answers for it.
 */

/** Finished jobs are deleted this long after they end, so the table has an end. */
const JOB_RETENTION_DAYS = 90;
/** A job that has not moved for this long lost its process (a crash, a restart): it is marked failed. */
const ABANDONED_AFTER_MINUTES = 60;

export interface NewJob {
  createdBy: string;
  source: string | null;
  format: ImportFormat;
}

/** Progress as the reader counts it. */
export interface JobCounts {
  rowsRead: number;
  rowsValid: number;
}

/** Why a job failed: the refusal's code and message, and its first problems. */
export interface JobFailure {
  code: string;
  message: string;
  problems: ErrorDetail[];
  totalProblems: number;
}

/** Creates a queued job and tidies the table (old jobs deleted, abandoned ones failed); returns its id. */
export async function createJob(db: Database, job: NewJob): Promise<string> {
  await db.execute(
    sql`delete from import_jobs where finished_at < now() - make_interval(days => ${JOB_RETENTION_DAYS})`,
  );
  await db.execute(sql`
    update import_jobs set status = 'failed', error_code = 'abandoned', finished_at = now(), updated_at = now(),
      error_message = ${`no progress for ${ABANDONED_AFTER_MINUTES} minutes: the process running it stopped`}
    where status in ('queued', 'running') and updated_at < now() - make_interval(mins => ${ABANDONED_AFTER_MINUTES})`);
  const id = randomUUID();
  await db.insert(importJobs).values({ id, ...job, status: 'queued' satisfies ImportJobStatus });
  return id;
}

/** Marks a job as reading its file. */
export async function markRunning(db: Database, id: string): Promise<void> {
  await db
    .update(importJobs)
    .set({ status: 'running', startedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(importJobs.id, id));
}

/** Records how far the reader got. */
export async function recordProgress(db: Database, id: string, counts: JobCounts): Promise<void> {
  await db
    .update(importJobs)
    .set({ ...counts, updatedAt: sql`now()` })
    .where(eq(importJobs.id, id));
}

/** Marks a job succeeded with its result; run in the import's transaction, so it commits with the rows. */
export async function finishJob(db: Database, id: string, counts: JobCounts, result: ImportResponse): Promise<void> {
  await db
    .update(importJobs)
    .set({
      ...counts,
      status: 'succeeded',
      inserted: result.inserted,
      duplicates: result.duplicates,
      itemsUpdated: result.itemsUpdated,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(importJobs.id, id));
}

/** Marks a job failed: nothing of its file was stored. */
export async function failJob(db: Database, id: string, counts: JobCounts, failure: JobFailure): Promise<void> {
  // A message may quote the file (a JSON parser's does): stored as it is sent, clipped and storable.
  const problems = failure.problems.map((d) => ({
    ...d,
    path: clip(d.path, DETAIL_PATH_MAX - 1),
    message: clip(d.message, MESSAGE_MAX - 1),
  }));
  await db
    .update(importJobs)
    .set({
      ...counts,
      status: 'failed',
      problems,
      totalProblems: failure.totalProblems,
      errorCode: failure.code,
      errorMessage: clip(failure.message, MESSAGE_MAX - 1),
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(importJobs.id, id));
}

/** One job, or null when there is none with that id. */
export async function getJob(db: Database, id: string): Promise<ImportJob | null> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return row ? toContract(row) : null;
}

/** The most recent jobs, newest first. */
export async function listJobs(db: Database, limit: number): Promise<ImportJob[]> {
  const rows = await db.select().from(importJobs).orderBy(desc(importJobs.createdAt), desc(importJobs.id)).limit(limit);
  return rows.map(toContract);
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function toContract(row: typeof importJobs.$inferSelect): ImportJob {
  return {
    id: row.id,
    createdBy: row.createdBy,
    source: row.source,
    format: row.format as ImportFormat,
    status: row.status as ImportJobStatus,
    rowsRead: row.rowsRead,
    rowsValid: row.rowsValid,
    inserted: row.inserted,
    duplicates: row.duplicates,
    itemsUpdated: row.itemsUpdated,
    problems: row.problems,
    totalProblems: row.totalProblems,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    updatedAt: row.updatedAt.toISOString(),
  };
}
