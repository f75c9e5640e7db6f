import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onTabMessages, sendMessage } from '../messaging/send';
import { createDecorator } from './decorate';
import { createDiscovery } from './discovery';
import { createHealthCounter } from './health';
import type { HintEvent } from './badge';
import { createHoverCard, type CardSubject } from './hover-card';
import { invalidSelector } from './selectors';
import { runWorkbench } from './workbench';
import type { SiteAdapter } from '../../contract/adapter';
import type { GapReportContext } from '../../contract/gap-report';
import { watchSelection } from './selection-button';

const RUNNING = Symbol.for('qa-lens.overlay');
/** The adapters this frame's current page run uses (the background matched them to this frame's URL). */
const runningAdapters = new Set<string>();
/** Adapter health is reported once the page has had time to render its items. */
const HEALTH_AFTER_MS = 4_000;

/**
 * Runs the overlay in this document: once per document (a second injection
 * replaces the first), restarted on single-page-app navigation, torn down when
 * the extension context is invalidated.
 */
export function startOverlay(ctx: ContentScriptContext): void {
  const scope = globalThis as { [RUNNING]?: AbortController };
  scope[RUNNING]?.abort();
  const life = new AbortController();
  scope[RUNNING] = life;
  ctx.onInvalidated(() => life.abort());

  let run = new AbortController();
  life.signal.addEventListener('abort', () => run.abort(), { once: true });
  const begin = (url: URL) => {
    run.abort();
    run = new AbortController();
    runPage(url, run.signal).catch((error: unknown) => console.warn('[QA Lens] overlay did not start', error));
  };
  // Chromium fires this from the Navigation API before `location` changes: use the event's URL.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => begin(event.newUrl));
  onTabMessages(
    {
      authChanged: () => begin(new URL(location.href)),
      workbench: ({ adapter }) => workbenchInThisFrame(adapter),
    },
    life.signal,
  );
  begin(new URL(location.href));
}

/** How long the top frame holds back an empty answer, so a framed page's matching frame answers first. */
const TOP_FRAME_GRACE_MS = 300;

/**
 * Runs the workbench in this frame when the adapter is meant for it. Every
 * frame runs the overlay and the first answer wins, so a frame that neither
 * runs the adapter nor finds its items stays silent, and the top frame (which
 * answers when no frame does) lets such a frame go first. Matching by the
 * adapters the background chose for this frame keeps match-pattern code out
 * of the always-loaded script.
 */
function workbenchInThisFrame(adapter: SiteAdapter) {
  const result = runWorkbench(adapter, new URL(location.href));
  const meant = runningAdapters.has(adapter.id) || result.total > 0;
  if (window !== window.top) return meant ? result : undefined;
  if (meant) return result;
  return new Promise<typeof result>((resolve) => setTimeout(() => resolve(result), TOP_FRAME_GRACE_MS));
}

/** Opens the gap report form about this page and what `context` adds (an item, a clause, a selection). */
function openReportForm(context: Omit<GapReportContext, 'pageUrl' | 'pageTitle'>): void {
  const page = { pageUrl: location.href, pageTitle: document.title.slice(0, 500) };
  sendMessage('openReportForm', { context: { ...page, ...context } }).catch((e: unknown) =>
    console.warn('[QA Lens]', e),
  );
}

async function runPage(url: URL, signal: AbortSignal): Promise<void> {
  const { adapters: matching, surveySites = [] } = await sendMessage('adaptersForPage', { url: url.href });
  if (signal.aborted) return;
  const adapters = matching.filter((adapter) => {
    const bad = invalidSelector(adapter);
    if (bad === null) return true;
    console.warn(`[QA Lens] adapter "${adapter.id}" has a selector this browser cannot use: ${bad}`);
    // Reported as broken (no items found), so admins see it in the field.
    const report = createHealthCounter(adapter).report(url, new Date());
    sendMessage('reportHealth', { report }).catch(() => undefined);
    return false;
  });
  runningAdapters.clear();
  for (const adapter of adapters) runningAdapters.add(adapter.id);
  if (adapters.length === 0) return;
  const discovery = createDiscovery({ signal });
  const claimed = new WeakSet<Element>();
  const claim = (element: Element) => !claimed.has(element) && Boolean(claimed.add(element));
  const card = createHoverCard(
    document,
    ({ ref, fields }) => sendMessage('itemHint', { ...ref, fields: fields() }),
    signal,
    (subject, clause) =>
      openReportForm({
        site: subject.ref.site,
        itemKey: subject.ref.itemKey,
        fields: subject.fields(),
        guideline: clause
          ? {
              guidelineId: clause.guidelineId,
              version: clause.version,
              sectionId: clause.sectionId,
              heading: clause.heading,
            }
          : null,
      }),
  );
  /** The item the user last pointed at or focused: what a shortcut report is about without a selection. */
  let lastSubject: CardSubject | null = null;
  const hint = (event: HintEvent, anchor: Element, subject: CardSubject) => {
    if (event !== 'leave') lastSubject = subject;
    if (event === 'hover') card.hover(anchor, subject);
    else if (event === 'focus') card.focus(anchor, subject);
    else card.hide(anchor, event === 'escape');
  };
  const decorators = adapters.map((adapter) =>
    createDecorator(
      adapter,
      {
        lookup: (items) => sendMessage('lookupItems', { items }),
        openPanel: (ref, fields) =>
          void sendMessage('openItemPanel', { ...ref, fields, pageTitle: document.title.slice(0, 500) }).catch(
            (e: unknown) => console.warn('[QA Lens]', e),
          ),
        hint,
        url: () => new URL(location.href),
        claim,
        withFields: surveySites.includes(adapter.site),
      },
      signal,
    ),
  );
  onTabMessages(
    {
      itemsUpdated: ({ items }) => {
        // A new answer may change the card's events: ask again on the next hover.
        card.forget();
        decorators.forEach((d) => d.update(items));
      },
      lookupFailed: ({ items, code, message, retry }) => decorators.forEach((d) => d.fail(items, code, message, retry)),
      apiAvailable: () => decorators.forEach((d) => d.retryNow()),
      reportContext: () => {
        const selection = document.getSelection();
        const text = selection && !selection.isCollapsed ? selection.toString().trim() : '';
        const inItem = text ? itemAt(selection!.anchorNode) : null;
        const item = inItem ?? (lastSubject ? { ref: lastSubject.ref, fields: lastSubject.fields() } : null);
        // Another frame may hold the selection or the item: a frame with neither leaves the answer to it.
        if (!text && !item && window !== window.top) return undefined;
        return {
          selection: text || null,
          pageTitle: document.title,
          item: item ? { ...item.ref, fields: item.fields } : null,
        };
      },
    },
    signal,
  );
  for (const decorator of decorators) discovery.watch(decorator.watcher);
  /** The item a node of the page sits in, for the adapters running here. */
  const itemAt = (node: Node | null) =>
    node ? (decorators.map((d) => d.itemAt(node)).find((found) => found !== null) ?? null) : null;
  watchSelection(document, signal, (selection, anchor) => {
    const item = itemAt(anchor);
    openReportForm({
      selection,
      ...(item ? { site: item.ref.site, itemKey: item.ref.itemKey, fields: item.fields } : {}),
    });
  });

  const timer = setTimeout(() => {
    for (const decorator of decorators) {
      sendMessage('reportHealth', { report: decorator.health() }).catch(() => undefined);
    }
  }, HEALTH_AFTER_MS);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
