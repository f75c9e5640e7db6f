import { SiteAdapter } from '../contract';
import { demoPublishedAdapters } from '../demo/adapters';
import type { DemoSeed } from '../demo/seed';
import { generateSeed } from '../demo/seed';
import { startDemoServer } from '../demo/server';
import { openDatabase } from '../server/db/client';
import { startServer } from '../server/main';
import { seedDatabase } from '../server/seed';

export interface DemoStackOptions {
  apiPort: number;
  demoPort: number;
  hostname?: string;
  /** PGlite folder; omitted means in-memory (tests). */
  dataDir?: string;
  anchor?: Date;
  /** Publish the demo's site adapters (Review Hub) as the demo admin; the e2e tests publish their own. */
  publishDemoAdapters?: boolean;
  log?: (line: string) => void;
}

export interface DemoStack {
  seed: DemoSeed;
  apiUrl: string;
  demoUrl: string;
  close(): Promise<void>;
}

/**
 * The whole demo in one process: the API on PGlite seeded with the demo data,
 * and the demo moderation and search-evaluation pages. Used by `npm start`
 * and by the end-to-end tests, so both see exactly the same thing.
 */
export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const log = options.log ?? (() => undefined);
  const hostname = options.hostname ?? '127.0.0.1';
  const seed = generateSeed(options.anchor ? { anchor: options.anchor } : {});
  const database = await openDatabase({ dataDir: options.dataDir });
  const started = performance.now();
  const imported = await seedDatabase(database.db, {
    users: [...seed.users],
    events: seed.events,
    guidelines: seed.guidelines,
    surveys: seed.surveys,
    gapReports: seed.gapReports,
    publisher: 'admin.jo',
    ...(options.publishDemoAdapters === false
      ? {}
      : { adapters: demoPublishedAdapters.map((adapter) => SiteAdapter.parse(adapter)), publisher: 'admin.jo' }),
  });
  log(
    `Seeded ${seed.events.length.toLocaleString('en')} quality events ` +
      `(${imported.inserted.toLocaleString('en')} new) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const api = await startServer({ port: options.apiPort, hostname, database, demoUsers: [...seed.users] });
  const demo = await startDemoServer({ port: options.demoPort, hostname, seed });
  return {
    seed,
    apiUrl: api.url,
    demoUrl: demo.url,
    close: async () => {
      await demo.close();
      await api.close();
    },
  };
}
