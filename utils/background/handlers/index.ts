/// <reference types="vite/client" />
import { backgroundProtocol, type MessageType } from '../../messaging/protocol';
import type { Handlers } from '../../messaging/router';
import type { BackgroundServices, HandlerModule } from '../services';

/**
 * Every file beside this one is the handler of one message (its default
 * export, made by defineHandler). Collected at build time, so adding a
 * message touches its table entry and its handler file, nothing else.
 */
const modules = import.meta.glob<{ default: HandlerModule }>(['./*.ts', '!./index.ts', '!./*.test.ts'], {
  eager: true,
});

/** Builds the handler map, refusing a missing, duplicate or unknown handler. */
export function collectHandlers(found: Record<string, { default: HandlerModule }>): Handlers<BackgroundServices> {
  const handlers = new Map<MessageType, HandlerModule['handle']>();
  for (const [file, module] of Object.entries(found)) {
    const { type, handle } = module.default;
    if (!Object.hasOwn(backgroundProtocol, type)) throw new Error(`${file} handles unknown message "${type}"`);
    if (handlers.has(type)) throw new Error(`two handlers for "${type}" (${file})`);
    handlers.set(type, handle);
  }
  const missing = (Object.keys(backgroundProtocol) as MessageType[]).filter((type) => !handlers.has(type));
  if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);
  return Object.fromEntries(handlers) as Handlers<BackgroundServices>;
}

/** The background's handlers, one per message of the table. */
export const handlers: Handlers<BackgroundServices> = collectHandlers(modules);
