import { readFileSync } from 'node:fs';

/** Where the server and CLI keep data, from the environment (DATABASE_URL wins over PGlite). */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): { databaseUrl?: string; dataDir: string } {
  return {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: env.QA_LENS_DATA_DIR ?? '.data/pglite',
  };
}

/** The version in package.json, which /health and the OpenAPI document report. */
export function packageVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
