import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchLookupLoad } from './bench/lookup-load';
import { benchContentScriptSize, benchOverlay } from './bench/overlay';

/**
 * `npm run bench [-- --only P6]`: every figure is a ratio to a baseline
 * measured in the same run, written to .bench/latest.json. With --only, the
 * other figures already in the file are kept.
 */

interface Bench {
  figures: readonly string[];
  /** Needs the built extension. */
  extension: boolean;
  run: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const BENCHES: Bench[] = [
  { figures: ['P1', 'P2'], extension: true, run: benchOverlay },
  { figures: ['P3'], extension: true, run: benchContentScriptSize },
  { figures: ['P6'], extension: false, run: benchLookupLoad },
];
const FILE = '.bench/latest.json';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
  const only = new Set((values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase()));
  const known = BENCHES.flatMap((b) => b.figures);
  const unknown = [...only].filter((figure) => !known.includes(figure));
  if (unknown.length > 0) throw new Error(`unknown figure(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const chosen = BENCHES.filter((b) => only.size === 0 || b.figures.some((figure) => only.has(figure)));

  if (chosen.some((b) => b.extension)) {
    console.log('Building the extension…');
    execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  }
  const previous = only.size > 0 && existsSync(FILE) ? (JSON.parse(readFileSync(FILE, 'utf8')) as object) : {};
  const results: Record<string, unknown> = { ...previous };
  for (const bench of chosen) {
    const figures = await bench.run();
    for (const [key, value] of Object.entries(figures)) if (only.size === 0 || only.has(key)) results[key] = value;
  }
  results.measuredAt = new Date().toISOString();
  mkdirSync('.bench', { recursive: true });
  writeFileSync(FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWritten to ${FILE}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
