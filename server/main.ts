import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import type { User } from '../contract';
import { createApp } from './app';
import { databaseFromEnv, packageVersion } from './config';
import { openDatabase, type OpenedDatabase } from './db/client';
import { policyFromEnv, type ServerPolicy } from './policy';
import { schedulePruning } from './retention';

export interface StartServerOptions {
  /** 0 picks a free port; the returned url has the real one. */
  port: number;
  hostname?: string;
  databaseUrl?: string;
  /** PGlite folder; omitted (and no databaseUrl) means in-memory. */
  dataDir?: string;
  demoUsers?: User[] | null;
  /** An already opened database (e.g. just seeded); the server takes it over and close() closes it. */
  database?: OpenedDatabase;
  /** Lifetimes, retention and rate limits; from the QA_LENS_* environment when absent. */
  policy?: ServerPolicy;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database and serves the API over HTTP until close() is called. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const policy = opts.policy ?? policyFromEnv();
  const database = opts.database ?? (await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir }));
  const app = createApp({
    db: database.db,
    kind: database.kind,
    version: packageVersion(),
    demoUsers: opts.demoUsers ?? null,
    policy,
  });
  const hostname = opts.hostname ?? '127.0.0.1';
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve({ fetch: app.fetch, port: opts.port, hostname }, () => resolve(started));
      started.once('error', reject);
    });
  } catch (error) {
    // e.g. the port is taken: release the database so the caller can retry or exit cleanly.
    await database.close();
    throw error;
  }
  // Every process prunes: the DELETEs are idempotent, so several API processes on one database agree.
  const stopPruning = schedulePruning(database.db, policy);
  const { port } = server.address() as AddressInfo;
  const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  console.log(`QA Lens API listening on ${url} (database: ${database.kind})`);
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await stopPruning();
      await database.close();
    },
  };
}

async function main(): Promise<void> {
  // A stray rejection is logged, not fatal: one bad request must not stop the API for everyone.
  process.on('unhandledRejection', (reason) => console.error('unhandled rejection:', reason));
  const { databaseUrl, dataDir } = databaseFromEnv();
  const server = await startServer({
    port: Number(process.env.PORT ?? 8787),
    hostname: process.env.HOST,
    databaseUrl,
    dataDir: databaseUrl ? undefined : dataDir,
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
