import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchImport } from './bench/import-load';
import { benchInbox } from './bench/inbox';
import { benchLookupLoad } from './bench/lookup-load';
import { benchLatency } from './bench/latency';
import { benchMetrics } from './bench/metrics';
import { benchContentScriptSize, benchOverlay } from './bench/overlay';
import { benchReportSync } from './bench/report-sync';
import { benchScroll } from './bench/scroll';

/**
 * `npm run bench [-- --only P6]`: every figure is a ratio to a baseline
 * measured in the same run, written to .bench/latest.json. With --only, the
 * other figures already in the file are kept. Figure names match whatever
 * their case, with '-' or '_' (`--only p1-scroll,P2_cold`).
 */

interface Bench {
  figures: readonly string[];
  /** Needs the built extension. */
  extension: boolean;
  run: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const BENCHES: Bench[] = [
  { figures: ['P1', 'P2'], extension: true, run: benchOverlay },
  { figures: ['P1_scroll'], extension: true, run: benchScroll },
  { figures: ['P2_cold', 'P2_uncached'], extension: true, run: benchLatency },
  { figures: ['P3'], extension: true, run: benchContentScriptSize },
  { figures: ['P4'], extension: false, run: benchImport },
  { figures: ['P5'], extension: true, run: benchReportSync },
  { figures: ['P6'], extension: false, run: benchLookupLoad },
  { figures: ['E1_inbox'], extension: false, run: benchInbox },
  { figures: ['M1_metrics'], extension: false, run: benchMetrics },
];
const FILE = '.bench/latest.json';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
  // Figures are matched by a normalised name: P1_scroll, p1-scroll and P1_SCROLL are one figure.
  const normal = (name: string) => name.trim().toUpperCase().replace(/-/g, '_');
  const byNormal = new Map(BENCHES.flatMap((b) => b.figures).map((figure) => [normal(figure), figure]));
  const asked = (values.only ?? []).flatMap((v) => v.split(',')).filter((v) => v.trim() !== '');
  const unknown = asked.filter((name) => !byNormal.has(normal(name)));
  if (unknown.length > 0)
    throw new Error(`unknown figure(s) ${unknown.join(', ')}; known: ${[...byNormal.values()].join(', ')}`);
  const only = new Set(asked.map((name) => byNormal.get(normal(name))!));
  const chosen = BENCHES.filter((b) => only.size === 0 || b.figures.some((figure) => only.has(figure)));

  if (chosen.some((b) => b.extension)) {
    console.log('Building the extension…');
    // Source maps let P3 say what each part of the content script costs; the bundles are unchanged.
    execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, QA_LENS_SOURCEMAP: '1' } });
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
