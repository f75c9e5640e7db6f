import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile, lineProgress, type ProgressDisplay } from '../cli-import';
import { getJob } from '../import-jobs';
import { describeEachDatabase } from './databases';
import { eventRow, ndjson } from './fixtures';
import { useTestApp } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'qalens-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plain progress lines', () => {
  it('writes one line per interval with rows, share of the file and rows/s, and nothing in between', () => {
    const lines: string[] = [];
    let clock = 0;
    const display = lineProgress((line) => lines.push(line), { everyMs: 5000, now: () => clock });
    display.start(1000);
    clock = 1000;
    display.update({ rowsRead: 100, bytesRead: 100 });
    clock = 5000;
    display.update({ rowsRead: 500, bytesRead: 250 });
    clock = 9000;
    display.update({ rowsRead: 900, bytesRead: 450 });
    clock = 10_000;
    display.update({ rowsRead: 1000, bytesRead: 500 });
    display.stop();
    expect(lines).toEqual([
      'importing: 500 rows (25% of the file), 100 rows/s',
      'importing: 1000 rows (50% of the file), 100 rows/s',
    ]);
  });
});

describeEachDatabase('cli import', (database) => {
  const t = useTestApp(database);

  it('streams a file, reporting progress by bytes read, and records a job for it', async () => {
    const file = join(dir, `events-${database.name}.ndjson`);
    writeFileSync(
      file,
      ndjson(Array.from({ length: 2500 }, (_, i) => eventRow({ id: `f-${i}`, itemKey: `k-${i % 9}` }))),
    );
    const seen: { start?: number; updates: [number, number][]; stopped: boolean } = { updates: [], stopped: false };
    const display: ProgressDisplay = {
      start: (total) => (seen.start = total),
      update: ({ rowsRead, bytesRead }) => seen.updates.push([rowsRead, bytesRead]),
      stop: () => (seen.stopped = true),
    };
    const result = await importFile(t.db, t.kind, file, 'ndjson', display);
    expect(result).toMatchObject({ received: 2500, inserted: 2500, itemsUpdated: 9 });
    const size = statSync(file).size;
    expect(seen.start).toBe(size);
    // Every thousand rows, then once at the end with the whole file read.
    expect(seen.updates.map(([rows]) => rows)).toEqual([1000, 2000, 2500]);
    expect(seen.updates.at(-1)![1]).toBe(size);
    expect(seen.stopped).toBe(true);
    expect(await getJob(t.db, result.jobId)).toMatchObject({ createdBy: 'cli', source: file, status: 'succeeded' });
  });
});
