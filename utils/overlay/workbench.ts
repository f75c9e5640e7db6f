import type { SiteAdapterInput } from '../../contract/adapter';
import type { WorkbenchResult } from '../messaging/protocol';
import { extractItem } from './extract';
import { probeBadge, suggestPlacement, type Placement } from './badge-probe';
import { createHealthCounter } from './health';
import { resolveItemRoots } from './shadow-roots';

const SHOWN = 200;
/** Items whose badge visibility is probed (each probe forces a layout). */
const PROBED = 50;
const HIGHLIGHT_MS = 20_000;
const previousOutline = new Map<HTMLElement, { outline: string; offset: string }>();
let clearTimer: ReturnType<typeof setTimeout> | undefined;

/** Removes the workbench's outlines, restoring what the page had. */
export function clearHighlights(): void {
  clearTimeout(clearTimer);
  for (const [element, previous] of previousOutline) {
    element.style.outline = previous.outline;
    element.style.outlineOffset = previous.offset;
  }
  previousOutline.clear();
}

/** Runs an adapter on this page: outlines the items it finds and reports what it read. */
export function runWorkbench(adapter: SiteAdapterInput, url: URL): WorkbenchResult {
  clearHighlights();
  const { roots, path } = resolveItemRoots(document, adapter.item.shadowHosts ?? []);
  const elements = roots.flatMap((root) => [...root.querySelectorAll(adapter.item.selector)]);
  const health = createHealthCounter(adapter);
  const items: WorkbenchResult['items'] = [];
  health.add(elements, url);
  const placement: Placement = { selector: adapter.badge?.selector, position: adapter.badge?.position ?? 'append' };
  const hiddenItems: Element[] = [];
  for (const element of elements) {
    if (items.length < SHOWN) {
      const item = extractItem(adapter, element, url);
      const badge = items.length < PROBED ? probeBadge(adapter, element, placement) : undefined;
      if (badge && badge !== 'visible' && badge !== 'offscreen') hiddenItems.push(element);
      items.push(item ? { itemKey: item.itemKey, fields: item.fields, badge } : { itemKey: null, fields: {}, badge });
    }
    if (element instanceof HTMLElement) {
      previousOutline.set(element, { outline: element.style.outline, offset: element.style.outlineOffset });
      element.style.outline = '2px solid #7c3aed';
      element.style.outlineOffset = '2px';
    }
  }
  clearTimer = setTimeout(clearHighlights, HIGHLIGHT_MS);
  health.badges(items.flatMap((item) => (item.badge ? [item.badge] : [])));
  const suggestedBadge = hiddenItems.length > 0 ? suggestPlacement(adapter, hiddenItems.slice(0, 10)) : null;
  return { total: elements.length, items, path, suggestedBadge, health: health.report(url, new Date()) };
}
