import { z } from 'zod';
import { ErrorDetail, storableString, Timestamp } from './common';
import { ImportResponse } from './quality';

/** The id of an import job (a UUID the server makes). */
export const ImportJobId = z.uuid();

/**
 * queued: created, the file not read yet; running: rows are being read and stored in one
 * transaction; succeeded: committed; failed: nothing was stored (see `error` and `problems`).
 */
export const ImportJobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type ImportJobStatus = z.infer<typeof ImportJobStatus>;

/** Most problems a job (and a refusal) lists; `totalProblems` counts them all. */
export const IMPORT_PROBLEMS_MAX = 100;

/**
 * One quality-event import as any API process can report it: kept in the database and updated
 * while the file is read. Counts are those of the file read so far; `inserted`, `duplicates` and
 * `itemsUpdated` are set once the job has succeeded.
 */
export const ImportJob = z.object({
  id: ImportJobId,
  createdBy: storableString(128),
  /** The file name given to the CLI; null for an upload. */
  source: storableString(1000).nullable(),
  format: z.enum(['ndjson', 'csv']),
  status: ImportJobStatus,
  rowsRead: z.number().int().nonnegative(),
  rowsValid: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative().nullable(),
  duplicates: z.number().int().nonnegative().nullable(),
  itemsUpdated: z.number().int().nonnegative().nullable(),
  /** The first problems by line and field, as the refusal named them. */
  problems: z.array(ErrorDetail).max(IMPORT_PROBLEMS_MAX),
  totalProblems: z.number().int().nonnegative(),
  /** Why a failed job failed: the refusal's code and message. */
  error: z.object({ code: storableString(64), message: storableString(2000) }).nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  /** Last progress write: a running job whose process died stops moving here. */
  updatedAt: Timestamp,
});
export type ImportJob = z.infer<typeof ImportJob>;

/** Path parameters of `GET /v1/quality-events/imports/{id}`. */
export const ImportJobParams = z.object({ id: ImportJobId });

/** Query of `GET /v1/quality-events/imports`: the most recent jobs first. */
export const ImportJobListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ImportJobListResponse = z.object({ jobs: z.array(ImportJob) });
export type ImportJobListResponse = z.infer<typeof ImportJobListResponse>;

/** What a finished `POST /v1/quality-events/import` answers: the counts, and the job that recorded them. */
export const ImportResult = ImportResponse.extend({ jobId: ImportJobId });
export type ImportResult = z.infer<typeof ImportResult>;
