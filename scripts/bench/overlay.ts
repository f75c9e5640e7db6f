import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { EXTENSION_DIR, launchChromium } from '../../test/support/browser';
import { signIn, syncAdapters } from '../../test/e2e/pages';
import { startDemoStack } from '../stack';
import { median, percentile, round } from './stats';

/**
 * P1-P3: on the 10,000-item Review Hub page, in Chromium with the
 * built extension, measures P1 (main-thread time to decorate every item,
 * against a bare floor script), P2 (insertion-to-badge latency for cached
 * items, against one measured frame) and P3 (gzipped size of the
 * always-loaded content script, against the polyfill it must carry anyway).
 * Every figure is a ratio to a baseline measured in the same run.
 */

const ITEMS = 10_000;
const RUNS = 3;
const FLOOR_URL_PATH = '/qa-lens-bench/floor.js';
const FLOOR_SCRIPT = `
  for (const el of document.querySelectorAll('li.rv-item[data-key]')) el.setAttribute('data-floor', '1');
`;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string; functionName?: string; lineNumber?: number } };
}

/** Records a trace of everything the browser does while `action` runs. */
async function traced(cdp: CDPSession, action: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] },
    transferMode: 'ReportEvents',
  });
  await action();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

/**
 * Main-thread time of script work from URLs starting with `prefix`: the
 * outermost script events (evaluation and callbacks, DOM calls included).
 * `longestTaskMs` is the most such work inside one task: a mutation callback
 * runs inside the page's own task, whose rendering work is not ours.
 */
function scriptTime(
  events: TraceEvent[],
  prefix: string,
): { totalMs: number; longestTaskMs: number; breakdown: Record<string, number> } {
  const scripts = events
    .filter(
      (e) => e.ph === 'X' && (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.callFunction'),
    )
    .filter((e) => (e.args?.data?.url ?? e.args?.data?.scriptName ?? '').startsWith(prefix))
    .sort((a, b) => a.ts - b.ts);
  // Merge nested and overlapping events into disjoint intervals.
  const intervals: { start: number; end: number; pid: number; tid: number }[] = [];
  for (const e of scripts) {
    const end = e.ts + (e.dur ?? 0);
    const last = intervals[intervals.length - 1];
    if (last && last.pid === e.pid && last.tid === e.tid && e.ts <= last.end) last.end = Math.max(last.end, end);
    else intervals.push({ start: e.ts, end, pid: e.pid, tid: e.tid });
  }
  const totalUs = intervals.reduce((sum, i) => sum + (i.end - i.start), 0);
  // Where the time goes, by outermost event (script evaluation or callback), for whoever optimises next.
  const breakdown: Record<string, number> = {};
  let outerEnd = -1;
  for (const e of scripts) {
    if (e.ts < outerEnd) continue;
    outerEnd = e.ts + (e.dur ?? 0);
    const label = `${e.name}:${e.args?.data?.functionName || '(top level)'}`;
    breakdown[label] = round((breakdown[label] ?? 0) + (e.dur ?? 0) / 1000, 3);
  }
  const tasks = events.filter(
    (e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
  );
  let longestUs = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    let oursUs = 0;
    for (const i of intervals) {
      if (i.pid !== task.pid || i.tid !== task.tid || i.end <= task.ts || i.start >= end) continue;
      oursUs += Math.min(i.end, end) - Math.max(i.start, task.ts);
    }
    longestUs = Math.max(longestUs, oursUs);
  }
  return { totalMs: totalUs / 1000, longestTaskMs: longestUs / 1000, breakdown };
}

async function openPrefilled(page: Page, demoUrl: string): Promise<void> {
  await page.goto(`${demoUrl}/review/queues/videos?prefill=${ITEMS}`);
  await page.waitForFunction((n) => (window as unknown as { __reviewRendered?: number }).__reviewRendered === n, ITEMS);
}

async function measureFloor(context: BrowserContext, demoUrl: string): Promise<number[]> {
  const results: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await context.newPage();
    await page.route(`**${FLOOR_URL_PATH}`, (route) =>
      route.fulfill({ body: FLOOR_SCRIPT, contentType: 'text/javascript' }),
    );
    await openPrefilled(page, demoUrl);
    const cdp = await context.newCDPSession(page);
    const events = await traced(cdp, async () => {
      await page.addScriptTag({ url: `${demoUrl}${FLOOR_URL_PATH}` });
      await page.waitForFunction(() => document.querySelectorAll('[data-floor]').length > 0);
    });
    results.push(scriptTime(events, `${demoUrl}${FLOOR_URL_PATH}`).totalMs);
    await page.close();
  }
  return results;
}

async function measureExtension(context: BrowserContext, extensionId: string, demoUrl: string) {
  const totals: number[] = [];
  const longest: number[] = [];
  const breakdowns: Record<string, number>[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events = await traced(cdp, async () => {
      await openPrefilled(page, demoUrl);
      // Decorated: the visible items have badges with summaries; then let lazy work and replies settle.
      await page.waitForFunction(() => document.querySelectorAll('qa-lens-badge[data-state="summary"]').length >= 10);
      await page.waitForTimeout(1500);
    });
    const time = scriptTime(events, `chrome-extension://${extensionId}/`);
    totals.push(time.totalMs);
    longest.push(time.longestTaskMs);
    breakdowns.push(time.breakdown);
    await page.close();
  }
  return { totals, longest, breakdowns };
}

/** Insertion-to-badge latency for cached items, and the frame interval measured on the same page. */
async function measureLatency(context: BrowserContext, demoUrl: string) {
  const page = await context.newPage();
  await openPrefilled(page, demoUrl);
  await page.waitForFunction(() => document.querySelectorAll('qa-lens-badge[data-state="summary"]').length >= 10);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { __reviewInsertTop: (keys: string[]) => number };
    const list = document.querySelector('.rv-list')!;
    const decorated = [...document.querySelectorAll('qa-lens-badge[data-state="summary"]')];
    const keys = decorated.map((b) => b.closest<HTMLElement>('li.rv-item')!.dataset['key']!).slice(0, 20);
    const latencies: number[] = [];
    for (let i = 0; i < 60; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      let seenAt: number | null = null;
      const observer = new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if ((node as Element).localName === 'qa-lens-badge' && (node as HTMLElement).dataset['state'] === 'summary')
              seenAt ??= performance.now();
      });
      observer.observe(list, { childList: true, subtree: true });
      const insertedAt = performance.now();
      w.__reviewInsertTop([keys[i % keys.length]!]);
      await new Promise((resolve) => setTimeout(resolve, 40));
      observer.disconnect();
      latencies.push(seenAt === null ? Number.POSITIVE_INFINITY : seenAt - insertedAt);
    }
    const frames: number[] = [];
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 60; i++) {
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      frames.push(now - last);
      last = now;
    }
    return { latencies, frames };
  });
  await page.close();
  return result;
}

/** P3: the gzipped always-loaded content script, against the webextension-polyfill it carries. */
export function benchContentScriptSize(): Record<string, unknown> {
  const contentScript = readFileSync(join(EXTENSION_DIR, 'content-scripts/overlay.js'));
  const polyfill = readFileSync('node_modules/webextension-polyfill/dist/browser-polyfill.min.js');
  const gzipKb = gzipSync(contentScript).length / 1024;
  const polyfillKb = gzipSync(polyfill).length / 1024;
  const P3 = {
    gzip_kb: round(gzipKb),
    raw_kb: round(contentScript.length / 1024),
    polyfill_gzip_kb: round(polyfillKb),
    ratio_to_polyfill: round(gzipKb / polyfillKb),
  };
  console.log(
    `  P3 content script       ${P3.gzip_kb} KB gzipped vs webextension-polyfill ${P3.polyfill_gzip_kb} KB = ${P3.ratio_to_polyfill}x (target <= 30 KB)`,
  );
  return { P3 };
}

/** P1 and P2 on the 10,000-item page; returns their figures and prints one line each. */
export async function benchOverlay(): Promise<Record<string, unknown>> {
  const stack = await startDemoStack({ apiPort: 0, demoPort: 0, log: (line) => console.log(line) });
  const profiles: string[] = [];
  const profile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'qa-lens-bench-'));
    profiles.push(dir);
    return dir;
  };
  try {
    console.log('Measuring the floor (no extension)…');
    const plain = await launchChromium(profile(), null);
    const floor = await measureFloor(plain.context, stack.demoUrl);
    await plain.context.close();

    console.log('Measuring the extension…');
    const { context, extensionId } = await launchChromium(profile());
    await signIn(context, extensionId!, stack.apiUrl, 'Alex Moreno');
    await syncAdapters(context, extensionId!);
    const extension = await measureExtension(context, extensionId!, stack.demoUrl);
    const latency = await measureLatency(context, stack.demoUrl);
    await context.close();

    const floorMs = median(floor);
    const extensionMs = median(extension.totals);
    const frameMs = median(latency.frames);
    const p50 = percentile(latency.latencies, 50);
    const p95 = percentile(latency.latencies, 95);
    const figures = {
      P1: {
        extension_ms: round(extensionMs),
        floor_ms: round(floorMs),
        ratio: round(extensionMs / floorMs),
        longest_task_ms: round(Math.max(...extension.longest)),
        runs: { extension_ms: extension.totals.map((n) => round(n)), floor_ms: floor.map((n) => round(n)) },
        breakdown_ms: extension.breakdowns,
        items: ITEMS,
      },
      P2: {
        p50_ms: round(p50, 3),
        p95_ms: round(p95, 3),
        frame_ms: round(frameMs),
        p95_ratio_to_frame: round(p95 / frameMs, 3),
        samples: latency.latencies.length,
      },
    };
    console.log(`
Overlay (${ITEMS.toLocaleString('en')} items, median of ${RUNS} runs)
  P1 decorate all items   extension ${figures.P1.extension_ms} ms vs floor ${figures.P1.floor_ms} ms  = ${figures.P1.ratio}x (target <= 3x); most extension work in one task ${figures.P1.longest_task_ms} ms (target <= 50)
  P2 insertion -> badge   p50 ${figures.P2.p50_ms} ms, p95 ${figures.P2.p95_ms} ms vs one frame ${figures.P2.frame_ms} ms = ${figures.P2.p95_ratio_to_frame}x (target <= 1x)
`);
    return figures;
  } finally {
    await stack.close();
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  }
}
