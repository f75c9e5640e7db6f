import type { CDPSession } from '@playwright/test';

/** Chromium trace helpers shared by the overlay benchmarks (P1, P2, P1-scroll). */

/** One event of a Chromium trace, as far as the benchmarks read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { url?: string; scriptName?: string; functionName?: string; lineNumber?: number };
  };
}

/** A half-open time span on one thread, in trace microseconds. */
export interface Span {
  start: number;
  end: number;
  pid: number;
  tid: number;
}

const DEFAULT_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'];

/** Records a trace of everything the browser does while `action` runs. */
export async function traced(
  cdp: CDPSession,
  action: () => Promise<void>,
  categories: string[] = DEFAULT_CATEGORIES,
): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => {
    for (const event of e.value as TraceEvent[]) events.push(event);
  };
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories },
    transferMode: 'ReportEvents',
  });
  try {
    await action();
  } finally {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  return events;
}

const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.callFunction']);
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Complete ('X') script events whose script URL starts with `prefix`, in time order. */
export function scriptEvents(events: TraceEvent[], prefix: string): TraceEvent[] {
  return events
    .filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name))
    .filter((e) => (e.args?.data?.url ?? e.args?.data?.scriptName ?? '').startsWith(prefix))
    .sort((a, b) => a.ts - b.ts);
}

/** Merges nested and overlapping events into disjoint spans per thread. */
export function mergeSpans(sorted: TraceEvent[]): Span[] {
  const spans: Span[] = [];
  for (const e of sorted) {
    const end = e.ts + (e.dur ?? 0);
    const last = spans[spans.length - 1];
    if (last && last.pid === e.pid && last.tid === e.tid && e.ts <= last.end) last.end = Math.max(last.end, end);
    else spans.push({ start: e.ts, end, pid: e.pid, tid: e.tid });
  }
  return spans;
}

/** Microseconds of `spans` that overlap [start, end) on one thread (spans sorted and disjoint). */
export function overlapUs(spans: Span[], pid: number, tid: number, start: number, end: number): number {
  let us = 0;
  for (const s of spans) {
    if (s.pid !== pid || s.tid !== tid || s.end <= start || s.start >= end) continue;
    us += Math.min(s.end, end) - Math.max(s.start, start);
  }
  return us;
}

/**
 * Task events ('RunTask'), outermost only: Chromium nests a
 * ThreadControllerImpl::RunTask inside a RunTask for the same task, and
 * counting both would count every long task twice.
 */
export function taskEvents(events: TraceEvent[]): TraceEvent[] {
  const tasks = events
    .filter((e) => e.ph === 'X' && TASK_EVENTS.has(e.name))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer: TraceEvent[] = [];
  const endOf = new Map<string, number>();
  for (const task of tasks) {
    const thread = `${task.pid}:${task.tid}`;
    if (task.ts < (endOf.get(thread) ?? -1)) continue;
    endOf.set(thread, task.ts + (task.dur ?? 0));
    outer.push(task);
  }
  return outer;
}

/**
 * Main-thread time of script work from URLs starting with `prefix`: the
 * outermost script events (evaluation and callbacks, DOM calls included).
 * `longestTaskMs` is the most such work inside one task: a mutation callback
 * runs inside the page's own task, whose rendering work is not ours.
 */
export function scriptTime(
  events: TraceEvent[],
  prefix: string,
): { totalMs: number; longestTaskMs: number; breakdown: Record<string, number> } {
  const scripts = scriptEvents(events, prefix);
  const spans = mergeSpans(scripts);
  const totalUs = spans.reduce((sum, s) => sum + (s.end - s.start), 0);
  // Where the time goes, by outermost event (script evaluation or callback), for whoever optimises next.
  const breakdown: Record<string, number> = {};
  let outerEnd = -1;
  for (const e of scripts) {
    if (e.ts < outerEnd) continue;
    outerEnd = e.ts + (e.dur ?? 0);
    const label = `${e.name}:${e.args?.data?.functionName || '(top level)'}`;
    breakdown[label] = Number(((breakdown[label] ?? 0) + (e.dur ?? 0) / 1000).toFixed(3));
  }
  let longestUs = 0;
  for (const task of taskEvents(events)) {
    longestUs = Math.max(longestUs, overlapUs(spans, task.pid, task.tid, task.ts, task.ts + (task.dur ?? 0)));
  }
  return { totalMs: totalUs / 1000, longestTaskMs: longestUs / 1000, breakdown };
}

/**
 * The renderer main thread of the page under test: the `CrRendererMain`
 * thread that ran the most animation-frame callbacks (the benchmarks scroll
 * from one; a plain scroll recalculates no style, so style cannot tell).
 */
export function pageMainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'FireAnimationFrame') continue;
    const id = `${e.pid}:${e.tid}`;
    if (mains.size === 0 || mains.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error('no renderer main thread with animation frames in the trace');
  const [pid, tid] = best[0].split(':').map(Number) as [number, number];
  return { pid, tid };
}

/** Rendering work the benchmarks attribute, by trace event name. */
export const RENDER_CATEGORIES: Record<string, string> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  Paint: 'paint',
  Layerize: 'layerize',
  UpdateLayer: 'paint',
  'IntersectionObserverController::computeIntersections': 'intersection',
  ParseAuthorStyleSheet: 'style',
};

/**
 * Main-thread milliseconds per rendering category on one thread, counting
 * the outermost event of each category only (Layout nests inside script when
 * forced, and counts there too, as forced work it is). `insideScript` is the
 * part of each category nested inside `scriptSpans`: style and layout that
 * the measured script forced synchronously.
 */
export function renderTime(
  events: TraceEvent[],
  thread: { pid: number; tid: number },
  scriptSpans: Span[] = [],
): { byCategory: Record<string, number>; forcedByScript: Record<string, number>; counts: Record<string, number> } {
  const byCategory: Record<string, number> = {};
  const forcedByScript: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const outerEnd: Record<string, number> = {};
  const onThread = events
    .filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid && RENDER_CATEGORIES[e.name])
    .sort((a, b) => a.ts - b.ts);
  for (const e of onThread) {
    const category = RENDER_CATEGORIES[e.name]!;
    if (e.ts < (outerEnd[category] ?? -1)) continue;
    const end = e.ts + (e.dur ?? 0);
    outerEnd[category] = end;
    byCategory[category] = (byCategory[category] ?? 0) + (e.dur ?? 0) / 1000;
    counts[category] = (counts[category] ?? 0) + 1;
    const forced = overlapUs(scriptSpans, e.pid, e.tid, e.ts, end);
    if (forced > 0) forcedByScript[category] = (forcedByScript[category] ?? 0) + forced / 1000;
  }
  return { byCategory, forcedByScript, counts };
}
