import { browser } from 'wxt/browser';
import type { ItemField, ItemRef } from '../../contract';

const PANEL_WINDOW_KEY = 'session:itemPanelWindowId';
/** Query parameters of the panel's URL that carry the item's fields (`f.title=...`). */
export const FIELD_PARAM_PREFIX = 'f.';

/** The page an item was shown on, for the panel's SOP gap reports. */
export interface ShownOn {
  url: string;
  title: string | null;
}

/** The URL of the item panel page for one item, with the fields and the page it was shown on. */
export function itemPanelUrl(ref: ItemRef, fields: Partial<Record<ItemField, string>> = {}, page?: ShownOn): string {
  const params = new URLSearchParams({ site: ref.site, item: ref.itemKey });
  for (const [name, value] of Object.entries(fields)) params.set(`${FIELD_PARAM_PREFIX}${name}`, value);
  if (page) params.set('page', page.url);
  if (page?.title) params.set('title', page.title);
  return `${browser.runtime.getURL('/item-panel.html')}?${params.toString()}`;
}

/**
 * Shows one item in the panel window: re-targets the open panel when there is
 * one (a moderator clicks through many items), else opens a new one beside
 * the page. The window id survives service-worker restarts in session storage.
 */
export async function openItemPanel(
  ref: ItemRef,
  fields: Partial<Record<ItemField, string>> = {},
  page?: ShownOn,
): Promise<void> {
  const url = itemPanelUrl(ref, fields, page);
  const windowId = await readPanelWindowId();
  if (windowId !== null) {
    const tab = await browser.tabs.query({ windowId }).then(
      (tabs) => tabs[0],
      () => undefined,
    );
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { url });
      await browser.windows.update(windowId, { focused: true });
      return;
    }
  }
  const created = await browser.windows.create({ url, type: 'popup', width: 460, height: 760 });
  if (created?.id !== undefined) await writePanelWindowId(created.id);
}

async function readPanelWindowId(): Promise<number | null> {
  const area = browser.storage.session ?? browser.storage.local;
  const stored = await area.get(PANEL_WINDOW_KEY);
  const id = stored[PANEL_WINDOW_KEY];
  return typeof id === 'number' ? id : null;
}

async function writePanelWindowId(id: number): Promise<void> {
  const area = browser.storage.session ?? browser.storage.local;
  await area.set({ [PANEL_WINDOW_KEY]: id });
}
