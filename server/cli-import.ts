import { createReadStream, statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { ImportResult } from '../contract';
import type { Database, DatabaseKind } from './db/client';
import { clip } from './errors';
import { runImport, type ImportFormat } from './import';

/** What the CLI shows while a file is imported; a parameter, so tests can watch it. */
export interface ProgressDisplay {
  start(totalBytes: number): void;
  update(progress: { rowsRead: number; bytesRead: number }): void;
  stop(): void;
}

/** Rows per second since `startedAt`, for humans. */
function rate(rows: number, startedAt: number, now: number): number {
  const seconds = (now - startedAt) / 1000;
  return seconds > 0 ? Math.round(rows / seconds) : 0;
}

/** A bar redrawn in place (cli-progress), for a terminal. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'importing {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      // Redraws are throttled by the bar; rows arrive far faster than a terminal needs them.
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedAt = 0;
  return {
    start(totalBytes) {
      startedAt = Date.now();
      bar.start(totalBytes, 0, { rows: 0, rate: 0 });
    },
    update({ rowsRead, bytesRead }) {
      bar.update(bytesRead, { rows: rowsRead, rate: rate(rowsRead, startedAt, Date.now()) });
    },
    stop() {
      bar.stop();
    },
  };
}

/** One plain line every `everyMs`, for logs and CI where a redrawn bar would be noise. */
export function lineProgress(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  { everyMs = 5000, now = () => Date.now() }: { everyMs?: number; now?: () => number } = {},
): ProgressDisplay {
  let total = 0;
  let startedAt = 0;
  let lastAt = 0;
  return {
    start(totalBytes) {
      total = totalBytes;
      startedAt = lastAt = now();
    },
    update({ rowsRead, bytesRead }) {
      const at = now();
      if (at - lastAt < everyMs) return;
      lastAt = at;
      const percent = total > 0 ? Math.floor((bytesRead / total) * 100) : 0;
      write(`importing: ${rowsRead} rows (${percent}% of the file), ${rate(rowsRead, startedAt, at)} rows/s`);
    },
    stop() {},
  };
}

/** The display for this process: a bar on a terminal, plain lines otherwise. */
export function progressForStderr(): ProgressDisplay {
  return process.stderr.isTTY ? terminalProgress() : lineProgress();
}

/** Streams `file` into the database (no size limit), showing progress; the CLI's `import events`. */
export async function importFile(
  db: Database,
  kind: DatabaseKind,
  file: string,
  format: ImportFormat,
  display?: ProgressDisplay,
): Promise<ImportResult> {
  const totalBytes = statSync(file).size;
  let bytesRead = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      bytesRead += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  display?.start(totalBytes);
  try {
    return await runImport(db, counted(), {
      format,
      createdBy: 'cli',
      // The job list shows it; a path is any length and any text.
      source: clip(file, 999),
      progressBeside: kind === 'postgres',
      onProgress: ({ rowsRead }) => display?.update({ rowsRead, bytesRead }),
    });
  } finally {
    display?.stop();
  }
}
