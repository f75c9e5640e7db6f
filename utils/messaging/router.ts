import { browser, type Browser } from 'wxt/browser';
import { zodSummary } from '../../contract';
import { errorMessage } from '../error-message';
import { answerLater, isEnvelope, type Reply } from './envelope';
import {
  backgroundProtocol,
  type Claims,
  type MessageType,
  type ParsedRequestOf,
  type AnswerOf,
  type SenderKind,
} from './protocol';

/** A checked sender: an extension page, or a content script with its tab and origin. */
export type Sender =
  | { kind: 'extension'; tabId?: number }
  | { kind: 'content'; tabId: number; frameId: number; url: string; origin: string };

/** What a handler gets besides the request: who sent it, and the background's services. */
export interface HandlerContext<Services> {
  sender: Sender;
  services: Services;
}

/** One message's handler. It answers the response schema's input: the router parses it into the output. */
export type Handler<K extends MessageType, Services> = (
  request: ParsedRequestOf<K>,
  context: HandlerContext<Services>,
) => Promise<AnswerOf<K>> | AnswerOf<K>;

export type Handlers<Services> = { [K in MessageType]: Handler<K, Services> };

/** Refuses a content script's claims it may not make (throws with the reason). */
export type ClaimCheck = (claims: Claims, sender: Extract<Sender, { kind: 'content' }>) => Promise<void>;

export interface Router<Services> {
  /** Validates one message (sender, claims, data), runs its handler and validates the answer. */
  dispatch(type: string, data: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>>;
  /** Installs the one runtime listener; call synchronously in the background's main. */
  listen(): void;
  services: Services;
}

/**
 * The background's one entry point for messages. Every request is checked in
 * this order before its handler runs: the sender is one the table lists, what
 * a content script claims to speak for is on its own origin, and the data
 * parses. The handler's answer is parsed too, so nothing malformed leaves.
 */
export function createRouter<Services>(
  handlers: Handlers<Services>,
  services: Services,
  checkClaims: ClaimCheck,
): Router<Services> {
  async function dispatch(type: string, data: unknown, raw: Browser.runtime.MessageSender): Promise<Reply<unknown>> {
    if (!Object.hasOwn(backgroundProtocol, type)) return { error: `Unknown message "${type}"` };
    const key = type as MessageType;
    const spec = backgroundProtocol[key];
    const sender = identify(raw);
    if (typeof sender === 'string' || !(spec.from as readonly SenderKind[]).includes(sender.kind)) {
      const why = typeof sender === 'string' ? sender : `"${type}" may not come from a ${sender.kind} sender`;
      console.warn(`[QA Lens] refused "${type}": ${why}`);
      return { error: `Refused: ${why}` };
    }
    const parsed = spec.request.safeParse(data);
    if (!parsed.success) return { error: `Invalid "${type}" message: ${zodSummary(parsed.error, 5)}` };
    try {
      if (sender.kind === 'content') {
        const claims = (spec as { claims?: (request: unknown) => Claims }).claims;
        // A content message with no claims declared would be unscoped: refuse rather than trust it.
        if (!claims) throw new Error(`"${type}" declares nothing to scope a content script by`);
        await checkClaims(claims(parsed.data), sender);
      }
      const handler = handlers[key] as Handler<MessageType, Services>;
      const answer = await handler(parsed.data as never, { sender, services });
      const checked = spec.response.safeParse(answer);
      if (!checked.success) {
        console.error(`[QA Lens] "${type}" produced a malformed answer`, checked.error);
        return { error: `QA Lens could not answer "${type}": ${zodSummary(checked.error, 5)}` };
      }
      return { ok: checked.data };
    } catch (error) {
      console.warn(`[QA Lens] "${type}" failed`, error);
      return { error: errorMessage(error) };
    }
  }

  return {
    dispatch,
    services,
    listen() {
      browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
        if (!isEnvelope(message) || !Object.hasOwn(backgroundProtocol, message.type)) return undefined;
        return answerLater(dispatch(message.type, message.data, sender), sendResponse);
      });
    },
  };
}

/** Classifies a runtime sender, or says why it is not one QA Lens listens to. */
export function identify(sender: Browser.runtime.MessageSender): Sender | string {
  if (sender.id !== browser.runtime.id) return 'message from another extension';
  const extensionOrigin = browser.runtime.getURL('/');
  if (typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin)) {
    return { kind: 'extension', ...(sender.tab?.id === undefined ? {} : { tabId: sender.tab.id }) };
  }
  if (sender.tab?.id === undefined || typeof sender.url !== 'string') return 'content message without a tab';
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return 'content message from an unreadable URL';
  }
  if (origin === 'null') return 'content message from an opaque origin';
  return { kind: 'content', tabId: sender.tab.id, frameId: sender.frameId ?? 0, url: sender.url, origin };
}
