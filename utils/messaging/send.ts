import { browser } from 'wxt/browser';
import { answerLater, envelope, isEnvelope, type Reply } from './envelope';
import type { MessageType, RequestOf, ResponseOf, TabDataOf, TabMessage, TabResponseOf } from './protocol';
import { errorMessage } from '../error-message';

/*
 * The content script's side of messaging, also used by extension pages. Only
 * types come from protocol.ts: the background validates every request and
 * every outgoing reply and push with its zod schemas, so the always-loaded
 * content script carries no validator (zod/mini would add about 8.7 KB
 * gzipped, measured) and trusts nothing but its own extension's background.
 */

/** Sends one message to the background and resolves with its (validated) answer. */
export async function sendMessage<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = (await browser.runtime.sendMessage(envelope(type, data))) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new Error(`QA Lens background did not answer "${type}"`);
  if ('error' in reply) throw new Error(reply.error);
  return reply.ok;
}

/**
 * Handlers for what the background sends this tab, one per message type. A
 * request handler answers undefined to leave the answer to another frame.
 */
export type TabHandlers = {
  [K in TabMessage]?: (data: TabDataOf<K>) => TabResponseOf<K> | Promise<TabResponseOf<K>> | undefined;
};

/** True for a message from this extension's background (not a page, not another extension). */
function fromBackground(sender: { id?: string; tab?: unknown; url?: string }): boolean {
  return sender.id === browser.runtime.id && sender.tab === undefined;
}

/**
 * Answers what the background sends this tab: pushes and requests, through
 * one listener removed when `signal` aborts.
 */
export function onTabMessages(handlers: TabHandlers, signal: AbortSignal): void {
  const listener = (
    message: unknown,
    sender: { id?: string; tab?: unknown },
    sendResponse: (reply: unknown) => void,
  ) => {
    if (!fromBackground(sender) || !isEnvelope(message) || !Object.hasOwn(handlers, message.type)) return undefined;
    const handler = handlers[message.type as TabMessage] as ((data: unknown) => unknown) | undefined;
    if (!handler) return undefined;
    try {
      const answer = handler(message.data);
      // No answer from this frame: the background hears from the frame that has one.
      if (answer === undefined) return undefined;
      const reply = Promise.resolve(answer).then(
        (ok): Reply<unknown> => ({ ok }),
        (error: unknown): Reply<unknown> => ({ error: errorMessage(error) }),
      );
      return answerLater(reply, sendResponse);
    } catch (error) {
      sendResponse({ error: errorMessage(error) } satisfies Reply<unknown>);
      return undefined;
    }
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
