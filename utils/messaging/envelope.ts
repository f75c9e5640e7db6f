/*
 * The wire format of every QA Lens runtime message. No zod and no runtime
 * dependencies: the always-loaded content script imports this file.
 */

/** The envelope every QA Lens runtime message travels in. */
export interface Envelope<T extends string = string, D = unknown> {
  qaLens: 1;
  type: T;
  data: D;
}

/** An answer: a value, or a message saying why not. */
export type Reply<T> = { ok: T } | { error: string };

/** Tells a QA Lens envelope apart from anything else on the runtime channel. */
export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Envelope).qaLens === 1 &&
    typeof (value as Envelope).type === 'string'
  );
}

/** Wraps data for the wire. */
export function envelope<T extends string, D>(type: T, data: D): Envelope<T, D> {
  return { qaLens: 1, type, data };
}

/**
 * Answers a runtime message asynchronously the one way Chrome and Firefox both
 * honour: `sendResponse` plus `return true` from the listener. (Only Firefox,
 * or a polyfill, accepts a returned Promise.) The listener returns what this
 * returns.
 */
export function answerLater(answer: Promise<unknown>, sendResponse: (reply: unknown) => void): true {
  void answer.then(sendResponse, (error: unknown) => sendResponse({ error: String(error) }));
  return true;
}
