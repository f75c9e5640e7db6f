import type { SiteAdapterInput } from '../../contract/adapter';
import type { WorkbenchResult } from '../messaging/protocol';
import { extractItem } from './extract';
import { createHealthCounter } from './health';
import { resolveItemRoots } from './shadow-roots';

const SHOWN = 200;
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
  for (const element of elements) {
    if (items.length < SHOWN) {
      const item = extractItem(adapter, element, url);
      items.push(item ? { itemKey: item.itemKey, fields: item.fields } : { itemKey: null, fields: {} });
    }
    if (element instanceof HTMLElement) {
      previousOutline.set(element, { outline: element.style.outline, offset: element.style.outlineOffset });
      element.style.outline = '2px solid #7c3aed';
      element.style.outlineOffset = '2px';
    }
  }
  clearTimer = setTimeout(clearHighlights, HIGHLIGHT_MS);
  return { total: elements.length, items, path, health: health.report(url, new Date()) };
}
