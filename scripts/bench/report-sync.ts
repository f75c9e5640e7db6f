import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 } from 'uuid';
import { SYNC_PUSH_MAX, type GapReportInput } from '../../contract';
import { pgliteBackend } from '../chaos/backends';
import { ExtensionDriver } from '../chaos/extension-driver';
import { startFaultProxy } from '../chaos/fault-proxy';
import { demoToken, serverReports } from '../chaos/server-reports';
import { round } from './stats';

/**
 * P5: 10,000 SOP gap reports waiting in the extension's outbox while the API cannot be reached,
 * then the network returns: seconds until the outbox is empty and the server holds exactly 10,000,
 * with the service worker stopped twice along the way (at two thirds and one third left). One
 * report is filed through the real form; the other 9,999 are written beside it in IndexedDB with
 * that report's exact shape (the form takes a second each, so 10,000 through it would be hours).
 * Baseline in the same run: the same 10,000 pushed straight to the API, 50 a request, one after
 * the other, as another user.
 */

const REPORTS = 10_000;
const USER = { id: 'mod.alex', name: 'Alex Moreno' };
const BASELINE_USER = 'mod.kai';

/** Writes `ids.length` copies of the form's report (and its outbox entry) in transactions of 1,000. */
async function cloneReports(driver: ExtensionDriver, ids: string[]): Promise<void> {
  const page = await driver.popup();
  for (let start = 0; start < ids.length; start += 1_000) {
    const chunk = ids.slice(start, start + 1_000);
    await page.evaluate(
      async ({ chunk, first }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('qa-lens');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = db.transaction(['gapReports', 'outbox'], 'readwrite', { durability: 'strict' });
        const reports = tx.objectStore('gapReports');
        const outbox = tx.objectStore('outbox');
        const all = await new Promise<Record<string, unknown>[]>((resolve) => {
          const request = reports.getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        });
        const template = all.find((r) => String(r.note).startsWith('p5 form'))!;
        chunk.forEach((id, i) => {
          reports.add({ ...template, id, note: `p5 report ${first + i}` });
          outbox.add({
            collection: 'gapReports',
            id,
            ownerId: template.ownerId,
            attempts: 0,
            nextAttemptAt: 0,
            lastError: null,
          });
        });
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { chunk, first: start },
    );
  }
}

/** The same reports pushed straight to the API, SYNC_PUSH_MAX a request, sequentially; seconds taken. */
async function baseline(apiUrl: string): Promise<number> {
  const token = await demoToken(apiUrl, BASELINE_USER);
  const reports: GapReportInput[] = Array.from({ length: REPORTS }, (_, i) => ({
    id: v7(),
    type: 'unclear',
    severity: 'medium',
    note: `p5 report ${i}`,
    context: {},
    createdAt: new Date().toISOString(),
  }));
  const started = performance.now();
  for (let start = 0; start < reports.length; start += SYNC_PUSH_MAX) {
    const response = await fetch(`${apiUrl}/v1/sync/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reports: reports.slice(start, start + SYNC_PUSH_MAX) }),
    });
    if (!response.ok) throw new Error(`baseline push failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
  return (performance.now() - started) / 1000;
}

/** Runs P5 against the API in its own process on PGlite. */
export async function benchReportSync(): Promise<Record<string, unknown>> {
  console.log(`Report sync (P5): ${REPORTS.toLocaleString('en')} reports offline, then the network returns…`);
  const backend = await pgliteBackend();
  const proxy = await startFaultProxy(0, backend.urls);
  const profileDir = mkdtempSync(join(tmpdir(), 'qa-lens-p5-'));
  const driver = await ExtensionDriver.launch(profileDir);
  try {
    await driver.signIn(proxy.url, USER.name);
    // Offline from here: every connection to the API is cut, as on a train.
    proxy.mode = 'closed';
    await driver.fileReport('p5 form', 0);
    await cloneReports(
      driver,
      Array.from({ length: REPORTS - 1 }, () => v7()),
    );
    const before = await driver.readLocal();
    if (before.outbox !== REPORTS) throw new Error(`the outbox holds ${before.outbox}, not ${REPORTS}`);

    proxy.mode = 'pass';
    const started = performance.now();
    // Back online: what the background's `online` listener does.
    await driver.kickSync();
    const stopsAt = [(REPORTS * 2) / 3, REPORTS / 3];
    let stops = 0;
    for (;;) {
      const outbox = await driver.outboxCount();
      if (stops < stopsAt.length && outbox <= stopsAt[stops]!) {
        await driver.stopServiceWorker();
        stops += 1;
        // A stopped worker waits for the next alarm or message; the next outbox write sends one.
        await driver.kickSync();
      }
      if (outbox === 0) break;
      if (performance.now() - started > 600_000) throw new Error(`P5: ${outbox} reports still waiting after 600 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const token = await demoToken(backend.urls[0]!, USER.id);
    const serverRows = (await serverReports(backend.urls[0]!, token)).length;
    const seconds = (performance.now() - started) / 1000;
    const baselineSeconds = await baseline(backend.urls[0]!);
    console.log(
      `  P5 ${REPORTS} reports: outbox empty and ${serverRows} on the server in ${seconds.toFixed(1)} s ` +
        `(service worker stopped ${stops} times); baseline straight to the API ${baselineSeconds.toFixed(1)} s`,
    );
    return {
      P5: {
        reports: REPORTS,
        seconds: round(seconds),
        server_rows: serverRows,
        sw_stops: stops,
        baseline_seconds: round(baselineSeconds),
        ratio_to_baseline: round(seconds / baselineSeconds),
      },
    };
  } finally {
    await driver.close();
    rmSync(profileDir, { recursive: true, force: true });
    await proxy.close();
    await backend.close();
  }
}
