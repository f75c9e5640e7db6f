import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startApiProcess, type ApiProcess } from './api-process';

/** One database and the API processes in front of it. */
export interface Backend {
  name: 'pglite' | 'postgres';
  urls: string[];
  close(): Promise<void>;
}

/** The API in its own process on a fresh PGlite folder. */
export async function pgliteBackend(): Promise<Backend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-lens-chaos-'));
  const api = await startApiProcess({ QA_LENS_DATA_DIR: dataDir, DATABASE_URL: '' });
  return {
    name: 'pglite',
    urls: [api.url],
    close: async () => {
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `processes` API processes on one scratch PostgreSQL database, created here and dropped by close(). */
export async function postgresBackend(adminUrl: string, processes: number): Promise<Backend> {
  const name = `qalens_chaos_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const apis: ApiProcess[] = [];
  const close = async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    // One after the other: the first migrates and seeds, the next finds it done.
    for (let i = 0; i < processes; i += 1) apis.push(await startApiProcess({ DATABASE_URL: url.toString() }));
  } catch (error) {
    await close();
    throw error;
  }
  return { name: 'postgres', urls: apis.map((api) => api.url), close };
}

/** PostgreSQL for the harness and P5: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server. */
export function adminDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}
