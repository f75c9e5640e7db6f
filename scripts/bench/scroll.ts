import { writeFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { launchChromium } from '../../test/support/browser';
import { startDemoStack } from '../stack';
import { ITEMS, extensionBrowser, openPrefilled, profileFolders } from './review-hub';
import { BLOCK } from '../../utils/overlay/lazy-blocks';
import { waitForSummaries } from './badges';
import { median, percentile, round } from './stats';
import {
  mergeSpans,
  overlapUs,
  pageMainThread,
  renderTime,
  scriptEvents,
  scriptTime,
  taskEvents,
  traced,
  type Span,
  type TraceEvent,
} from './trace';

/**
 * P1-scroll: what badges cost while a person scrolls. The prefilled
 * 10,000-item Review Hub is scrolled from top to bottom by a page-side
 * requestAnimationFrame loop, a fixed number of pixels per frame, so every
 * run scrolls the same distance in the same number of frames and per-run
 * differences in style and layout belong to what was added to the page.
 *
 * Three runs in the same benchmark:
 * - page: no extension, no floor. The baseline for frames and long tasks
 *   ("dropped frames with the extension against without it"), and the
 *   rendering cost every other run is compared with.
 * - floor: no extension; a page script that inserts one small element per
 *   item as it nears the viewport. It finds items the way the extension does
 *   (one IntersectionObserver, an 800 px margin, blocks of 25 watched through
 *   their ends), so the floor prices what a badge is meant to cost, one
 *   element inserted beside its item, and not a detection scheme the
 *   extension does not use: observing all 10,000 items would make the floor
 *   pay for 10,000 intersection checks per frame and flatter the extension;
 *   a floor that inserts nothing would compare the extension with zero.
 * - extension: the built extension, signed in, with the Review Hub adapter.
 *
 * Cost per 1,000 items scrolled = script from the run's own URL (floor.js or
 * chrome-extension://ID/) + the style, layout, pre-paint, paint and
 * layerize time that run spent beyond the page run. P1_scroll.ratio is the
 * extension's cost over the floor's.
 */

const SCROLL_PX = Number(process.env.QA_LENS_SCROLL_PX ?? 300);
/** A hung scroll must end the benchmark, not the machine's patience. */
const MAX_SCROLL_MS = 300_000;
const LONG_TASK_MS = 50;
const FLOOR_URL_PATH = '/qa-lens-bench/scroll-floor.js';
// The floor reveals items in the extension's own blocks: the same number of insertions per scroll.
const FLOOR_SCRIPT = `
(() => {
  const BLOCK = ${BLOCK};
  const items = [...document.querySelectorAll('li.rv-item[data-key]')];
  const blocks = new Map();
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const block = blocks.get(entry.target);
      if (!block) continue;
      const first = block[0], last = block[block.length - 1];
      blocks.delete(first); blocks.delete(last);
      observer.unobserve(first); observer.unobserve(last);
      for (const item of block) {
        const mark = document.createElement('span');
        mark.className = 'qa-floor';
        mark.textContent = 'QA 3';
        (item.querySelector('.rv-item__id') || item).after(mark);
      }
    }
  }, { rootMargin: '800px 0px 800px 0px' });
  for (let i = 0; i < items.length; i += BLOCK) {
    const block = items.slice(i, i + BLOCK);
    blocks.set(block[0], block); blocks.set(block[block.length - 1], block);
    observer.observe(block[0]); observer.observe(block[block.length - 1]);
  }
})();
`;

type Kind = 'page' | 'floor' | 'extension';

interface PageScroll {
  /** rAF timestamps, one per scrolled frame. */
  frames: number[];
  /** Median rAF interval on the idle page before scrolling. */
  vsyncMs: number;
  longTasks: number[];
  scrolledPx: number;
  badges: number;
}

interface RunResult {
  kind: Kind;
  scroll: PageScroll;
  scriptMs: number;
  longestScriptInOneTaskMs: number;
  breakdown: Record<string, number>;
  render: Record<string, number>;
  renderCounts: Record<string, number>;
  forcedByScript: Record<string, number>;
  /** Main-thread tasks over 50 ms that ran any of this run's own script. */
  longTasksWithScript: number[];
  /** Main-thread tasks over 50 ms that ran this run's script or recalculated style or layout. */
  longTasksCaused: number[];
  mainThreadTasksMs: number;
}

/** Scrolls to the bottom, `px` per animation frame, recording frames and long tasks (runs in the page). */
async function scrollPage(page: Page, px: number): Promise<PageScroll> {
  return page.evaluate(
    async ({ px, maxMs }) => {
      // No named function expressions in here: tsx would wrap them in a __name() the page lacks.
      const raf = requestAnimationFrame.bind(window);
      window.scrollTo(0, 0);
      const idle: number[] = [];
      let last = await new Promise<number>(raf);
      for (let i = 0; i < 60; i++) {
        const now = await new Promise<number>(raf);
        idle.push(now - last);
        last = now;
      }
      idle.sort((a, b) => a - b);
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const frames: number[] = [];
      const start = await new Promise<number>(raf);
      frames.push(start);
      while (window.scrollY < document.documentElement.scrollHeight - window.innerHeight - 1) {
        window.scrollBy(0, px);
        const now = await new Promise<number>(raf);
        frames.push(now);
        if (now - start > maxMs) break;
      }
      // Let a task that ended with the last frame report itself.
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
      observer.disconnect();
      return {
        frames,
        vsyncMs: idle[Math.floor(idle.length / 2)]!,
        longTasks,
        scrolledPx: window.scrollY,
        badges: document.querySelectorAll('qa-lens-badge, .qa-floor').length,
      };
    },
    { px, maxMs: MAX_SCROLL_MS },
  );
}

/** Samples the content script's JavaScript while `action` runs; writes a .cpuprofile when asked to. */
async function profiled(cdp: CDPSession, file: string | undefined, action: () => Promise<void>): Promise<void> {
  if (!file) return action();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    await action();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    console.log(`  CPU profile written to ${file}`);
  }
}

async function measure(context: BrowserContext, kind: Kind, demoUrl: string, scriptPrefix: string): Promise<RunResult> {
  const page = await context.newPage();
  if (kind === 'floor') {
    await page.route(`**${FLOOR_URL_PATH}`, (route) =>
      route.fulfill({ body: FLOOR_SCRIPT, contentType: 'text/javascript' }),
    );
  }
  await openPrefilled(page, demoUrl);
  if (kind === 'floor') await page.addScriptTag({ url: `${demoUrl}${FLOOR_URL_PATH}` });
  if (kind === 'extension') {
    // The first screen's summaries come from the API; a machine shared with other work can take a while.
    await waitForSummaries(page, 10, 120_000);
  }
  // Both runs start scrolling from a settled first screen.
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  let scroll: PageScroll | undefined;
  const profileFile = kind === 'extension' ? process.env.QA_LENS_BENCH_CPUPROFILE : undefined;
  const events = await traced(cdp, () =>
    profiled(cdp, profileFile, async () => {
      scroll = await scrollPage(page, SCROLL_PX);
    }),
  );
  await page.close();
  const thread = pageMainThread(events);
  const script = scriptTime(events, scriptPrefix);
  const spans = mergeSpans(scriptEvents(events, scriptPrefix));
  const render = renderTime(events, thread, spans);
  const tasks = taskEvents(events).filter((t) => t.pid === thread.pid && t.tid === thread.tid);
  // A badge's cost lands in two kinds of task: the one running the extension's
  // callback, and the next frame's rendering task, which holds no extension
  // script but recalculates the style and layout the badge dirtied. Scrolling
  // the bare page recalculates neither (see page.render_event_counts), so a
  // long task with style or layout work belongs to what was added to the page.
  const styleOrLayout = mergeSpans(
    events
      .filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid)
      .filter((e) => e.name === 'UpdateLayoutTree' || e.name === 'Layout')
      .sort((a, b) => a.ts - b.ts),
  );
  const long = tasks.filter((t) => (t.dur ?? 0) > LONG_TASK_MS * 1000);
  const touches = (list: Span[], t: TraceEvent) => overlapUs(list, t.pid, t.tid, t.ts, t.ts + t.dur!) > 0;
  const longTasksWithScript = long.filter((t) => touches(spans, t)).map((t) => round(t.dur! / 1000));
  const longTasksCaused = long
    .filter((t) => touches(spans, t) || touches(styleOrLayout, t))
    .map((t) => round(t.dur! / 1000));
  return {
    kind,
    scroll: scroll!,
    scriptMs: kind === 'page' ? 0 : script.totalMs,
    longestScriptInOneTaskMs: script.longestTaskMs,
    breakdown: script.breakdown,
    render: render.byCategory,
    renderCounts: render.counts,
    forcedByScript: render.forcedByScript,
    longTasksWithScript: kind === 'page' ? [] : longTasksWithScript,
    longTasksCaused,
    mainThreadTasksMs: tasks.reduce((sum, t) => sum + (t.dur ?? 0), 0) / 1000,
  };
}

function roundAll(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, ms]) => [key, round(ms)]));
}

function summariseTasks(ms: number[]) {
  return ms.length === 0 ? { p50: 0, max: 0 } : { p50: round(median(ms)), max: round(Math.max(...ms)) };
}

function frameStats(run: RunResult, vsyncMs: number) {
  const intervals = run.scroll.frames.slice(1).map((t, i) => t - run.scroll.frames[i]!);
  return {
    frames: intervals.length,
    duration_ms: round(run.scroll.frames[run.scroll.frames.length - 1]! - run.scroll.frames[0]!),
    dropped: intervals.filter((ms) => ms > 1.5 * vsyncMs).length,
    over_25ms: intervals.filter((ms) => ms > 25).length,
    median_frame_ms: round(median(intervals)),
    p95_frame_ms: round(percentile(intervals, 95)),
    longest_frame_ms: round(Math.max(...intervals)),
    long_tasks_observed: run.scroll.longTasks.length,
    longest_task_observed_ms: round(Math.max(0, ...run.scroll.longTasks)),
    scrolled_px: run.scroll.scrolledPx,
  };
}

/** Rendering time beyond the page run, per category (negative where the run did less: noise). */
function extraRender(run: RunResult, page: RunResult): Record<string, number> {
  const categories = new Set([...Object.keys(run.render), ...Object.keys(page.render)]);
  return Object.fromEntries([...categories].map((c) => [c, round((run.render[c] ?? 0) - (page.render[c] ?? 0))]));
}

function costPer1000(run: RunResult, page: RunResult) {
  const extra = extraRender(run, page);
  const renderMs = Object.entries(extra)
    .filter(([c]) => c !== 'intersection')
    .reduce((sum, [, ms]) => sum + ms, 0);
  const totalMs = Math.max(0, run.scriptMs + renderMs);
  const per = 1000 / ITEMS;
  return {
    per_1000_items_ms: round(totalMs * per),
    script_per_1000_ms: round(run.scriptMs * per),
    extra_render_per_1000_ms: round(renderMs * per),
    extra_render_ms: extra,
    forced_by_script_ms: Object.fromEntries(Object.entries(run.forcedByScript).map(([c, ms]) => [c, round(ms)])),
    render_event_counts: run.renderCounts,
    total_ms: round(totalMs),
  };
}

/** P1-scroll; returns its figures and prints them. */
export async function benchScroll(): Promise<Record<string, unknown>> {
  const stack = await startDemoStack({ apiPort: 0, demoPort: 0, log: (line) => console.log(line) });
  const profiles = profileFolders();
  try {
    console.log(`Scrolling ${ITEMS.toLocaleString('en')} items at ${SCROLL_PX} px per frame without the extension…`);
    const plain = await launchChromium(profiles.make(), null);
    const page = await measure(plain.context, 'page', stack.demoUrl, `${stack.demoUrl}${FLOOR_URL_PATH}`);
    const floor = await measure(plain.context, 'floor', stack.demoUrl, `${stack.demoUrl}${FLOOR_URL_PATH}`);
    await plain.context.close();

    console.log('… and with it…');
    const { context, extensionId } = await extensionBrowser(profiles.make(), stack.apiUrl);
    const extension = await measure(context, 'extension', stack.demoUrl, `chrome-extension://${extensionId}/`);
    await context.close();

    const vsyncMs = page.scroll.vsyncMs;
    const frames = {
      page: frameStats(page, vsyncMs),
      floor: frameStats(floor, vsyncMs),
      extension: frameStats(extension, vsyncMs),
    };
    const extensionCost = costPer1000(extension, page);
    const floorCost = costPer1000(floor, page);
    const ratio =
      floorCost.per_1000_items_ms > 0 ? extensionCost.per_1000_items_ms / floorCost.per_1000_items_ms : Infinity;
    const P1_scroll = {
      ratio: round(ratio),
      long_tasks: extension.longTasksCaused.length,
      dropped_frames_ratio: round(frames.extension.dropped / Math.max(1, frames.page.dropped)),
      extension_per_1000_ms: extensionCost.per_1000_items_ms,
      floor_per_1000_ms: floorCost.per_1000_items_ms,
      long_tasks_running_extension_script: extension.longTasksWithScript.length,
      long_tasks_caused_by_floor: floor.longTasksCaused.length,
      long_tasks_with_style_or_layout_page: page.longTasksCaused.length,
      long_task_ms: summariseTasks(extension.longTasksCaused),
      longest_extension_script_in_one_task_ms: round(extension.longestScriptInOneTaskMs),
      vsync_ms: round(vsyncMs),
      scroll_px_per_frame: SCROLL_PX,
      items: ITEMS,
      badges_drawn: extension.scroll.badges,
      floor_elements_drawn: floor.scroll.badges,
      extension: { ...extensionCost, script_breakdown_ms: extension.breakdown },
      floor: floorCost,
      page: { render_ms: roundAll(page.render), render_event_counts: page.renderCounts },
      frames,
      main_thread_tasks_ms: {
        page: round(page.mainThreadTasksMs),
        floor: round(floor.mainThreadTasksMs),
        extension: round(extension.mainThreadTasksMs),
      },
    };
    console.log(`
P1-scroll (${ITEMS.toLocaleString('en')} items, top to bottom at ${SCROLL_PX} px/frame, vsync ${P1_scroll.vsync_ms} ms)
  main thread per 1,000 items  extension ${extensionCost.per_1000_items_ms} ms (script ${extensionCost.script_per_1000_ms}, style/layout/paint ${extensionCost.extra_render_per_1000_ms}) vs floor ${floorCost.per_1000_items_ms} ms (script ${floorCost.script_per_1000_ms}, rendering ${floorCost.extra_render_per_1000_ms}) = ${P1_scroll.ratio}x
  extension tasks over 50 ms   ${P1_scroll.long_tasks} (target 0)${P1_scroll.long_tasks > 0 ? ` (${P1_scroll.long_task_ms.p50} ms median, ${P1_scroll.long_task_ms.max} ms longest)` : ''}; floor ${P1_scroll.long_tasks_caused_by_floor}; running extension script ${P1_scroll.long_tasks_running_extension_script}
  dropped frames               extension ${frames.extension.dropped} vs page ${frames.page.dropped} (floor ${frames.floor.dropped}) = ${P1_scroll.dropped_frames_ratio}x (target <= 1.1x)
  scroll duration              extension ${frames.extension.duration_ms} ms vs page ${frames.page.duration_ms} ms (floor ${frames.floor.duration_ms} ms); p95 frame ${frames.extension.p95_frame_ms} vs ${frames.page.p95_frame_ms} ms
`);
    return { P1_scroll };
  } finally {
    await stack.close();
    profiles.removeAll();
  }
}
