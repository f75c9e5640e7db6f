import { browser, type Browser } from 'wxt/browser';
import { zodDetails } from '../../contract';
import type { Reply } from './send';
import { isEnvelope, type ResponseMap } from './envelope';
import { protocol, type MessageType, type Protocol, type Sender } from './protocol';
import type { z } from 'zod';
import { errorMessage } from '../error-message';

type Handler<K extends MessageType> = (
  data: z.output<Protocol[K]['request']>,
  sender: Browser.runtime.MessageSender,
) => Promise<ResponseMap[K]> | ResponseMap[K];

export type Handlers = { [K in MessageType]: Handler<K> };

/**
 * Installs the background's single runtime listener. It must run synchronously
 * in the background's main so a message that wakes the service worker is not lost.
 */
export function registerMessageHandlers(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isEnvelope(message) || !Object.hasOwn(protocol, message.type)) return undefined;
    return dispatch(message.type as MessageType, message.data, sender, handlers);
  });
}

/** Validates one message (sender, then data) and runs its handler. Exported for tests. */
export async function dispatch(
  type: MessageType,
  data: unknown,
  sender: Browser.runtime.MessageSender,
  handlers: Handlers,
): Promise<Reply<unknown>> {
  const spec = protocol[type];
  const refusal = checkSender(spec.from, sender);
  if (refusal) {
    console.warn(`[QA Lens] refused "${type}": ${refusal}`);
    return { error: `Refused: ${refusal}` };
  }
  const parsed = spec.request.safeParse(data);
  if (!parsed.success) {
    const reasons = zodDetails(parsed.error)
      .slice(0, 5)
      .map((d) => `${d.path}: ${d.message}`)
      .join('; ');
    return { error: `Invalid "${type}" message: ${reasons}` };
  }
  try {
    const handler = handlers[type] as Handler<MessageType>;
    return { ok: await handler(parsed.data as never, sender) };
  } catch (error) {
    console.error(`[QA Lens] "${type}" failed`, error);
    return { error: errorMessage(error) };
  }
}

/** Why a sender may not send this message, or null when it may. */
export function checkSender(expected: Sender, sender: Browser.runtime.MessageSender): string | null {
  if (sender.id !== browser.runtime.id) return 'message from another extension';
  const extensionOrigin = browser.runtime.getURL('/');
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (expected === 'extension') {
    return fromExtensionPage ? null : 'only extension pages may send this message';
  }
  if (fromExtensionPage) return null; // extension pages are more trusted than content scripts
  if (sender.tab?.id === undefined) return 'content message without a tab';
  return null;
}
