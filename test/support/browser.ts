import { resolve } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('.output/chrome-mv3');

/** Flags that let Chromium run on a closed, headless CI machine (see ENVIRONMENT.md). */
export function chromiumArgs(extensionDir: string | null = EXTENSION_DIR): string[] {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** Launches Chromium on a profile folder, with the built extension unless `extensionDir` is null. */
export async function launchChromium(
  profileDir: string,
  extensionDir: string | null = EXTENSION_DIR,
): Promise<{ context: BrowserContext; extensionId: string | null }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(extensionDir),
    viewport: { width: 1280, height: 900 },
  });
  if (!extensionDir) return { context, extensionId: null };
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  return { context, extensionId: new URL(worker.url()).host };
}
