/** Waiting and failure reporting for tests that drive Firefox over Marionette. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Marionette } from './marionette';

/** Where failed steps leave their screenshots (ignored by git, like Playwright's test-results). */
export const SCREENSHOT_DIR = join('test-results', 'firefox');

/** Thrown by an {@link until} probe when what it sees can no longer turn into what is awaited. */
export class GiveUp extends Error {
  override name = 'GiveUp';
}

/** Options for {@link until}. */
export interface UntilOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns a value other than `undefined`. A probe that
 * throws is retried too (the page may be between documents), unless it throws
 * {@link GiveUp}; on timeout the error names what was awaited and the last
 * thing the probe saw.
 */
export async function until<T>(
  what: string,
  probe: (note: (seen: string) => void) => Promise<T | undefined>,
  { timeoutMs = 45_000, intervalMs = 250 }: UntilOptions = {},
): Promise<T> {
  const started = Date.now();
  let last = 'nothing yet';
  const note = (seen: string) => {
    last = seen;
  };
  for (;;) {
    try {
      const value = await probe(note);
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof GiveUp) throw new Error(`Gave up waiting for ${what}: ${error.message}`);
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}; last seen: ${last}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

/** A file-system-safe name for a step. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/**
 * Runs one named step of a browser test. On failure it saves a screenshot of
 * the current window to test-results/firefox/ and rethrows with the step's
 * name and what `browserLog` returns, so a red run says where it stopped and
 * shows what the browser showed.
 */
export async function step<T>(
  marionette: Marionette,
  name: string,
  body: () => Promise<T>,
  browserLog: () => string = () => '',
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    let saved = '';
    try {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${slug(name)}.png`);
      writeFileSync(path, await marionette.screenshot());
      saved = ` (screenshot: ${path}; URL ${await marionette.currentUrl()})`;
    } catch (screenshotError) {
      saved = ` (no screenshot: ${screenshotError instanceof Error ? screenshotError.message : String(screenshotError)})`;
    }
    const message = error instanceof Error ? error.message : String(error);
    const logged = browserLog().trim();
    throw new Error(
      `Firefox step "${name}" failed${saved}: ${message}${logged ? `\n--- extension errors Firefox logged ---\n${logged}` : ''}`,
      { cause: error },
    );
  }
}
