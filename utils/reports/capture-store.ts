import { v7 } from 'uuid';

/** How long a capture waits for its form to take it. */
const CAPTURE_TTL_MS = 5 * 60_000;

interface Capture {
  dataUrl: string;
  at: number;
}

/*
 * Screenshots of the visible tab wait here, in the background's memory only, until the report
 * form takes them (once). The unredacted image is never written to storage or sent: the form
 * burns the redaction in and saves only that. A service worker that stops in between loses the
 * capture, and the form says so.
 */
const captures = new Map<string, Capture>();

/** Keeps a capture for its form; returns the one-time token to take it with. */
export function keepCapture(dataUrl: string, now = Date.now()): string {
  for (const [token, capture] of captures) if (now - capture.at > CAPTURE_TTL_MS) captures.delete(token);
  const token = v7();
  captures.set(token, { dataUrl, at: now });
  return token;
}

/** Hands a capture over once; null when it is gone (taken, expired, or the worker restarted). */
export function takeCapture(token: string, now = Date.now()): string | null {
  const capture = captures.get(token);
  captures.delete(token);
  return capture && now - capture.at <= CAPTURE_TTL_MS ? capture.dataUrl : null;
}
