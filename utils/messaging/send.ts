import { browser } from 'wxt/browser';
import { isEnvelope, type Envelope, type PushMap, type ResponseMap, type TabRequestMap } from './envelope';
import type { MessageType, RequestOf } from './protocol';
import { errorMessage } from '../error-message';

/** Sends one protocol message to the background and resolves with its answer. */
export async function sendMessage<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseMap[K]> {
  const envelope: Envelope<K, RequestOf<K>> = { qaLens: 1, type, data };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<ResponseMap[K]> | undefined;
  if (!reply) throw new Error(`QA Lens background did not answer "${type}"`);
  if ('error' in reply) throw new Error(reply.error);
  return reply.ok;
}

/** The background's answer: a value, or a message saying why not. */
export type Reply<T> = { ok: T } | { error: string };

/**
 * Listens for messages the background pushes to this tab. Only messages from
 * this extension are accepted; the listener is removed when `signal` aborts.
 */
export function onPush<K extends keyof PushMap>(
  type: K,
  handler: (data: PushMap[K]) => void,
  signal: AbortSignal,
): void {
  const listener = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id || !isEnvelope(message) || message.type !== type) return undefined;
    handler(message.data as PushMap[K]);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}

/**
 * Answers one kind of request the background sends to this tab (the adapter
 * workbench). Only this extension may ask; the listener goes with `signal`.
 */
export function onTabRequest<K extends keyof TabRequestMap>(
  type: K,
  handler: (data: TabRequestMap[K]['request']) => TabRequestMap[K]['response'],
  signal: AbortSignal,
): void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
    if (!isEnvelope(message) || message.type !== type) return undefined;
    try {
      return Promise.resolve<Reply<unknown>>({ ok: handler(message.data as TabRequestMap[K]['request']) });
    } catch (error) {
      return Promise.resolve<Reply<unknown>>({ error: errorMessage(error) });
    }
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
