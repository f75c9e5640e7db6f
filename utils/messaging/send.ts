import { browser } from 'wxt/browser';
import { isEnvelope, type Envelope, type PushMap, type ResponseMap } from './envelope';
import type { MessageType, RequestOf } from './protocol';

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
