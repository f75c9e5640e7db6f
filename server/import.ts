import {
  IMPORT_PROBLEMS_MAX,
  QualityEventInput,
  zodDetails,
  type ErrorDetail,
  type ImportResult,
  type QualityEventRow,
} from '../contract';
import type { Database } from './db/client';
import { ApiError } from './errors';
import { createJob, failJob, finishJob, markRunning, recordProgress, type JobCounts } from './import-jobs';
import { FileError, readRecords, type FileChunks, type ImportFormat, type RawRecord } from './import-read';
import { EventWriter } from './import-write';

export type { ImportFormat } from './import-read';
export { importEvents } from './import-write';

/** The job's counts are written every this many rows while a file is read (where the database allows, see `progressBeside`). */
export const PROGRESS_ROWS = 10_000;
/** `onProgress` is called every this many rows. */
const TICK_ROWS = 1000;

/** The import format a request's Content-Type names, or null when unsupported. */
export function formatForContentType(contentType: string | undefined): ImportFormat | null {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json'].includes(essence)) {
    return 'ndjson';
  }
  return essence === 'text/csv' ? 'csv' : null;
}

/** The import format a file name implies, or null when unsupported. */
export function formatForFileName(name: string): ImportFormat | null {
  if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson';
  return /\.csv$/i.test(name) ? 'csv' : null;
}

/** The first problems of a file and how many there were, without holding them all. */
export class ProblemLog {
  readonly details: ErrorDetail[] = [];
  total = 0;
  /** Distinct lines with a problem; records arrive in line order, so a new line is a new bad row. */
  rows = 0;
  private lastLine: number | undefined;

  /** Notes the problems of one record. */
  add(details: ErrorDetail[]): void {
    for (const detail of details) {
      if (this.details.length < IMPORT_PROBLEMS_MAX) this.details.push(detail);
      this.total += 1;
      if (detail.line !== this.lastLine) this.rows += 1;
      this.lastLine = detail.line;
    }
  }

  /** The 422 that refuses the file. */
  refusal(code = 'invalid_rows', message = `${this.rows} row(s) are invalid; nothing was imported`): ApiError {
    return new ApiError(422, code, message, this.details, this.total);
  }
}

/**
 * Each record validated against the contract, in file order: the row, or null when it has problems
 * (noted in `problems`). More than `maxRows` records is refused with 413 at the next record.
 */
export async function* checkRows(
  records: AsyncIterable<RawRecord>,
  problems: ProblemLog,
  maxRows = Number.POSITIVE_INFINITY,
): AsyncGenerator<QualityEventRow | null> {
  let read = 0;
  for await (const record of records) {
    read += 1;
    if (read > maxRows) {
      throw new ApiError(
        413,
        'too_many_rows',
        `the file holds more than ${maxRows} rows; one import takes at most ${maxRows}`,
      );
    }
    if (record.error) {
      problems.add([record.error]);
      yield null;
      continue;
    }
    const parsed = QualityEventInput.safeParse(record.value);
    if (parsed.success) yield parsed.data;
    else {
      problems.add(zodDetails(parsed.error, record.line));
      yield null;
    }
  }
}

export interface ImportOptions {
  format: ImportFormat;
  /** Who asked: a user id, or the CLI. */
  createdBy: string;
  /** The file name, for the job list; null for an upload. */
  source?: string | null;
  /** Most rows the file may hold; more is refused with 413 as soon as the next row is read. */
  maxRows?: number;
  /**
   * Whether the job can be written while the import's transaction holds its connection: true on
   * PostgreSQL (another pooled connection). PGlite is one connection, so there the job says
   * `running` until it ends.
   */
  progressBeside: boolean;
  /** Called with the counts every thousand rows and at the end (the CLI's progress bar). */
  onProgress?: (counts: Readonly<JobCounts>) => void;
}

/**
 * Imports one file as it streams in: every row is validated against the contract and stored inside
 * one transaction, so a file with any bad row stores nothing, and the answer names the first
 * problems by line and field. Rows whose id is stored already count as duplicates, so importing a
 * file twice changes nothing. A job records the import from start to end.
 */
export async function runImport(db: Database, chunks: FileChunks, options: ImportOptions): Promise<ImportResult> {
  const { format } = options;
  const jobId = await createJob(db, { createdBy: options.createdBy, source: options.source ?? null, format });
  const counts: JobCounts = { rowsRead: 0, rowsValid: 0 };
  const problems = new ProblemLog();
  try {
    await markRunning(db, jobId);
    const result = await db.transaction(async (tx) => {
      const writer = await EventWriter.open(tx);
      for await (const row of checkRows(readRecords(chunks, format), problems, options.maxRows)) {
        counts.rowsRead += 1;
        if (row) {
          counts.rowsValid += 1;
          // After the first problem nothing will be stored: the rest of the file is only checked.
          if (problems.total === 0) await writer.add(row);
        }
        if (counts.rowsRead % TICK_ROWS === 0) {
          options.onProgress?.(counts);
          if (options.progressBeside && counts.rowsRead % PROGRESS_ROWS === 0) {
            await recordProgress(db, jobId, counts);
          }
        }
      }
      if (problems.total > 0) throw problems.refusal();
      if (counts.rowsRead === 0) throw new ApiError(422, 'empty_file', 'the file holds no rows');
      const done = await writer.finish(counts.rowsRead);
      // In the transaction: the job says succeeded exactly when the rows are committed.
      await finishJob(tx, jobId, counts, done);
      return done;
    });
    options.onProgress?.(counts);
    return { ...result, jobId };
  } catch (caught) {
    let error = caught;
    if (error instanceof FileError) {
      problems.add(error.details);
      error = problems.refusal('invalid_file', error.message);
    }
    const failure =
      error instanceof ApiError
        ? { code: error.code, message: error.message, problems: problems.details, totalProblems: problems.total }
        : // Internals stay in the server's log; the job says only that it failed.
          {
            code: 'internal',
            message: 'the import failed on the server; nothing was imported',
            problems: [],
            totalProblems: 0,
          };
    // Recording the failure must not hide it: if the database is what failed, this may fail too.
    await failJob(db, jobId, counts, failure).catch((recording: unknown) =>
      console.error(`import job ${jobId}: could not record its failure:`, recording),
    );
    throw error;
  }
}
