import { browser } from 'wxt/browser';
import { envelope, type Reply } from '../messaging/envelope';
import {
  pageProtocol,
  tabProtocol,
  type PageDataOf,
  type PageMessage,
  type TabDataOf,
  type TabMessage,
  type TabResponseOf,
} from '../messaging/protocol';

/*
 * Everything the background sends is checked against the message tables
 * before it leaves, so a page never receives what the table does not describe.
 */

function checked(schema: { parse(data: unknown): unknown }, type: string, data: unknown): unknown {
  try {
    return schema.parse(data);
  } catch (error) {
    throw new Error(`QA Lens refused to send a malformed "${type}": ${String(error)}`);
  }
}

/** Pushes one message to a tab's content scripts; a closed or navigated tab is not an error. */
export function pushToTab<K extends TabMessage>(tabId: number, type: K, data: TabDataOf<K>): void {
  const body = checked(tabProtocol[type].data, type, data);
  browser.tabs.sendMessage(tabId, envelope(type, body)).catch(() => undefined);
}

/** Pushes one message to every tab (those without QA Lens simply do not answer). */
export async function pushToAllTabs<K extends TabMessage>(type: K, data: TabDataOf<K>): Promise<void> {
  for (const tab of await browser.tabs.query({})) {
    if (tab.id !== undefined) pushToTab(tab.id, type, data);
  }
}

/** Pushes one message to the open extension pages. */
export function pushToPages<K extends PageMessage>(type: K, data: PageDataOf<K>): void {
  const body = checked(pageProtocol[type].data, type, data);
  // No page open is the usual case, not an error.
  browser.runtime.sendMessage(envelope(type, body)).catch(() => undefined);
}

/**
 * Asks a tab's content scripts (one frame's, with `frameId`) and returns the checked answer, or
 * says plainly why there is none.
 */
export async function askTab<K extends TabMessage>(
  tabId: number,
  type: K,
  data: TabDataOf<K>,
  { frameId }: { frameId?: number } = {},
): Promise<TabResponseOf<K>> {
  const spec = tabProtocol[type];
  const body = checked(spec.data, type, data);
  const options = frameId === undefined ? undefined : { frameId };
  const reply = (await browser.tabs.sendMessage(tabId, envelope(type, body), options).catch(() => undefined)) as
    Reply<unknown> | undefined;
  if (!reply) {
    throw new Error('QA Lens is not running in that tab: grant access to its site, then reload the tab.');
  }
  if ('error' in reply) throw new Error(reply.error);
  const parsed = spec.response.safeParse(reply.ok);
  if (!parsed.success) throw new Error(`The tab's answer to "${type}" is malformed`);
  return parsed.data as TabResponseOf<K>;
}
