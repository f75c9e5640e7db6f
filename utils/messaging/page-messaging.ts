import { browser } from 'wxt/browser';
import { zodSummary } from '../../contract';
import { isEnvelope } from './envelope';
import {
  backgroundProtocol,
  pageProtocol,
  type MessageType,
  type PageDataOf,
  type PageMessage,
  type RequestOf,
  type ResponseOf,
} from './protocol';
import { sendMessage } from './send';

/*
 * Extension pages hold zod anyway, so they check both what they send and
 * what comes back against the message tables.
 */

/** Sends a request to the background from an extension page, validating it and the answer. */
export async function request<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
  const spec = backgroundProtocol[type];
  const checked = spec.request.safeParse(data);
  if (!checked.success) throw new Error(`Invalid "${type}" request: ${zodSummary(checked.error, 3)}`);
  const reply = await sendMessage(type, data);
  const parsed = spec.response.safeParse(reply);
  if (!parsed.success)
    throw new Error(`The background's answer to "${type}" is malformed: ${zodSummary(parsed.error, 3)}`);
  return parsed.data as ResponseOf<K>;
}

/** Handlers for what the background pushes to extension pages. */
export type PageHandlers = { [K in PageMessage]?: (data: PageDataOf<K>) => void };

/** Listens for pushes from this extension's background; malformed ones are dropped with a warning. */
export function onPageMessages(handlers: PageHandlers, signal: AbortSignal): void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown; url?: string }) => {
    // Content scripts reach extension pages too: only the background (no tab, our extension) is heard.
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    if (!isEnvelope(message) || !Object.hasOwn(pageProtocol, message.type)) return undefined;
    const type = message.type as PageMessage;
    const parsed = pageProtocol[type].data.safeParse(message.data);
    if (!parsed.success) {
      console.warn(`[QA Lens] dropped a malformed "${type}" push: ${zodSummary(parsed.error, 3)}`);
      return undefined;
    }
    handlers[type]?.(parsed.data as never);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
