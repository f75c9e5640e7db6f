import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXTENSION_DIR } from '../test/support/browser';
import { adminDatabaseUrl, pgliteBackend, postgresBackend, type Backend } from './chaos/backends';
import { ExtensionDriver } from './chaos/extension-driver';
import { seededRandom, startFaultProxy } from './chaos/fault-proxy';
import { compareReports, demoToken, serverReports } from './chaos/server-reports';

/**
 * `npm run chaos -- --runs N --seed S`: the built extension in Chromium files SOP gap reports
 * through its real form while a seeded fault-injecting proxy drops requests and answers, answers
 * 5xx/429 or slowly, the service worker is stopped, the browser restarted on its profile and the
 * clock skewed. The first half of the runs go to the API on PGlite, the second half to two API
 * processes on one PostgreSQL database (round-robin). Faults off, the outbox drains, and every
 * report the browser made is looked for on the servers: `runs=N lost=L duplicated=D`, exit 1 when
 * either is not 0.
 */

const USER = { id: 'mod.alex', name: 'Alex Moreno' };
const DAY = 86_400_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' } },
  });
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not ${values.runs}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.log('Building the extension…');
    execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  }
  const started = performance.now();
  const random = seededRandom(seed ^ 0x5eed);
  const proxy = await startFaultProxy(seed, ['http://127.0.0.1:9']);
  const mix = { reports: 0, sw_stops: 0, restarts: 0, skewed_reports: 0 };
  const total = { lost: 0, duplicated: 0, local: 0, server: 0 };
  // Each backend gets its own profile: a token from one database means nothing to the other.
  const phases: [number, () => Promise<Backend>][] = [
    [Math.ceil(runs / 2), pgliteBackend],
    [Math.floor(runs / 2), () => postgresBackend(adminDatabaseUrl(), 2)],
  ];
  let run = 0;
  try {
    for (const [count, open] of phases) {
      if (count === 0) continue;
      const backend = await open();
      const profileDir = mkdtempSync(join(tmpdir(), 'qa-lens-chaos-profile-'));
      const driver = await ExtensionDriver.launch(profileDir);
      const filed: string[] = [];
      try {
        proxy.setUpstreams(backend.urls);
        proxy.mode = 'pass';
        await driver.signIn(proxy.url, USER.name);
        proxy.mode = 'faults';
        for (let i = 0; i < count; i += 1, run += 1) {
          // A third of the runs on a clock up to a day off, either way.
          const skew = random() < 1 / 3 ? Math.round((random() * 2 - 1) * DAY) : 0;
          const creates = 1 + Math.floor(random() * 3);
          for (let k = 0; k < creates; k += 1) {
            const note = `chaos seed ${seed} run ${run} report ${k}`;
            await driver.fileReport(note, skew);
            filed.push(note);
            mix.reports += 1;
            if (skew !== 0) mix.skewed_reports += 1;
            // Mid-batch: the form's write has just asked the background to push.
            if (random() < 0.3) {
              await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
              await driver.stopServiceWorker();
              mix.sw_stops += 1;
            }
          }
          await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 1_000)));
          if (random() < 0.1) {
            await driver.restart();
            mix.restarts += 1;
          }
        }
        proxy.mode = 'pass';
        const seconds = await driver.drain(Number(process.env.QA_LENS_CHAOS_DRAIN_MS ?? 180_000));
        const token = await demoToken(backend.urls[0]!, USER.id);
        const server = await serverReports(backend.urls[0]!, token);
        const local = await driver.readLocal();
        const { lost, duplicated } = compareReports(local.reports, filed, server);
        total.lost += lost;
        total.duplicated += duplicated;
        total.local += local.reports.length;
        total.server += server.length;
        console.log(
          `  ${backend.name} (${backend.urls.length} API process(es)): ${count} runs, ${filed.length} reports, ` +
            `drained in ${seconds.toFixed(1)} s, lost=${lost} duplicated=${duplicated}`,
        );
      } finally {
        await driver.close();
        rmSync(profileDir, { recursive: true, force: true });
        await backend.close();
      }
    }
    const faults = Object.entries(proxy.counts)
      .map(([fault, n]) => `${fault}=${n}`)
      .join(' ');
    const mixLine = Object.entries(mix)
      .map(([name, n]) => `${name}=${n}`)
      .join(' ');
    console.log(`faults: ${faults}`);
    console.log(`mix: ${mixLine} local_reports=${total.local} server_rows=${total.server}`);
    console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(`runs=${runs} lost=${total.lost} duplicated=${total.duplicated}`);
    process.exitCode = total.lost > 0 || total.duplicated > 0 ? 1 : 0;
  } finally {
    await proxy.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
