import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM, chromiumArgs, EXTENSION_DIR, launchChromium } from '../../test/support/browser';

/*
 * Drives the built extension in Chromium the way a person does (options page, report form) and
 * reads its IndexedDB from an extension page, for the fault-injection harness and P5.
 */

/** A report as the extension holds it, reduced to what the comparison needs. */
export interface LocalReport {
  id: string;
  note: string;
  localState: string;
}

export class ExtensionDriver {
  private constructor(
    public context: BrowserContext,
    readonly extensionId: string,
    private readonly profileDir: string,
  ) {}

  /** First launch on a fresh profile (the install opens the settings page, which is waited for). */
  static async launch(profileDir: string): Promise<ExtensionDriver> {
    const { context, extensionId } = await launchChromium(profileDir);
    return new ExtensionDriver(context, extensionId!, profileDir);
  }

  private url(page: string): string {
    return `chrome-extension://${this.extensionId}/${page}`;
  }

  /** Connects to `apiUrl` and signs in as a demo user through the options page. */
  async signIn(apiUrl: string, name: string): Promise<void> {
    const page = await this.context.newPage();
    await page.goto(this.url('options.html'));
    await page.getByLabel('API URL').fill(apiUrl);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByTestId('connection-status').getByText('Connected to QA Lens API').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: new RegExp(`^Sign in as ${name}`) }).click();
    await page.getByTestId('signed-in-as').getByText(name).waitFor({ timeout: 30_000 });
    await page.close();
  }

  /**
   * Files one report through the real form (report.html) with the page's clock `skewMs` off; resolves
   * once the form says it is saved (on disk; sending is the outbox's job).
   */
  async fileReport(note: string, skewMs: number): Promise<void> {
    const form = await this.context.newPage();
    // The form stamps createdAt with Date.now: a device clock that is wrong, as some are.
    await form.addInitScript((offset: number) => {
      const realNow = Date.now.bind(Date);
      Date.now = () => realNow() + offset;
    }, skewMs);
    await form.goto(this.url('report.html'));
    await form.getByLabel('What is wrong with the SOP').selectOption('unclear');
    await form.getByLabel('Severity').selectOption('medium');
    await form.getByLabel('What happened, and what the SOP should say').fill(note);
    await form.getByRole('button', { name: 'Save and send' }).click();
    await form.getByTestId('report-sent').waitFor({ timeout: 30_000 });
    await form.close();
  }

  /** Stops every service worker, as Chrome does after 30 s idle or under memory pressure. */
  async stopServiceWorker(): Promise<void> {
    const page = await this.extensionPage();
    const cdp = await this.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
  }

  /** Closes Chromium and opens it again on the same profile (no install this time). */
  async restart(): Promise<void> {
    await this.context.close();
    this.page = null;
    this.context = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs(EXTENSION_DIR),
      viewport: { width: 1280, height: 900 },
    });
  }

  private page: Page | null = null;

  /** The popup page kept open to read and write IndexedDB and message the background. */
  popup(): Promise<Page> {
    return this.extensionPage();
  }

  /** One popup page kept open to read IndexedDB and message the background. */
  private async extensionPage(): Promise<Page> {
    if (!this.page || this.page.isClosed()) {
      this.page = await this.context.newPage();
      // tsx wraps named function expressions in __name(), which the page lacks (see scripts/bench/scroll.ts).
      await this.page.addInitScript('globalThis.__name = (fn) => fn');
      await this.page.goto(this.url('popup.html'));
    }
    return this.page;
  }

  /** Every report in the extension's IndexedDB and the outbox's size. */
  async readLocal(): Promise<{ reports: LocalReport[]; outbox: number }> {
    const page = await this.extensionPage();
    return page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('qa-lens');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error);
        });
      const reports = await all<{ id: string; note: string; localState: string }>('gapReports');
      const outbox = await all<unknown>('outbox');
      db.close();
      return { reports: reports.map(({ id, note, localState }) => ({ id, note, localState })), outbox: outbox.length };
    });
  }

  /** The outbox's size alone: cheap enough to poll while the background pushes thousands. */
  async outboxCount(): Promise<number> {
    const page = await this.extensionPage();
    return page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('qa-lens');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const count = await new Promise<number>((resolve, reject) => {
        const request = db.transaction('outbox').objectStore('outbox').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      return count;
    });
  }

  /**
   * Lifts the push pause the way the background's `online` listener does (faults are over, the
   * backoff they left says nothing about the API now) and asks the background to sync.
   */
  async kickSync(): Promise<void> {
    const page = await this.extensionPage();
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('qa-lens');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('meta', 'readwrite');
        tx.objectStore('meta').delete('reportPushPause');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      // Not awaited: a sync of thousands of reports outlasts one message; the poll watches the outbox.
      void chrome.runtime.sendMessage({ qaLens: 1, type: 'syncReports', data: {} }).catch(() => undefined);
    });
  }

  /** Polls until the outbox is empty (kicking sync every few seconds); the seconds it took. */
  async drain(timeoutMs: number): Promise<number> {
    const started = performance.now();
    let lastKick = -Infinity;
    for (;;) {
      if (performance.now() - lastKick > 5_000) {
        await this.kickSync();
        lastKick = performance.now();
      }
      const outbox = await this.outboxCount();
      if (outbox === 0) return (performance.now() - started) / 1000;
      if (performance.now() - started > timeoutMs)
        throw new Error(
          `outbox still holds ${outbox} after ${timeoutMs} ms: ${JSON.stringify(await this.outboxDetail())}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The outbox's entries and the sync state beside them, for the message of a drain that never ends. */
  async outboxDetail(): Promise<unknown> {
    const page = await this.extensionPage();
    return page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('qa-lens');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const read = (store: string) =>
        new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
      const detail = {
        outbox: await read('outbox'),
        meta: await read('meta'),
        auth: await chrome.storage.local.get(null),
      };
      db.close();
      return detail;
    });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
