import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { generateSeed } from '../../demo/seed';
import { databaseFromEnv } from '../../server/config';
import { openDatabase } from '../../server/db/client';
import { startServer } from '../../server/main';
import { seedDatabase } from '../../server/seed';

/*
 * The API in its own process, as it runs in production, plus the demo users and their sign-in
 * route so the extension signs in through its options page exactly as a person does. Quality
 * events are not seeded: report sync does not read them.
 */

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts this file as a child API process with `env` (DATABASE_URL or QA_LENS_DATA_DIR); resolves once it listens. */
export function startApiProcess(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos/api-process.ts'], {
      env: { ...process.env, QA_LENS_GAP_PUSH_RATE_LIMIT: '100000', ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, child, stop });
    });
    child.once('exit', (code) => reject(new Error(`the API exited (${code}) before listening: ${output}`)));
  });
}

async function main(): Promise<void> {
  const { databaseUrl, dataDir } = databaseFromEnv();
  const users = [...generateSeed().users];
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : dataDir });
  await seedDatabase(database.db, { users, events: [] });
  const server = await startServer({
    port: Number(process.env.PORT),
    hostname: '127.0.0.1',
    database,
    demoUsers: users,
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
