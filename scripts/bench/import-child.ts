import { runCommand } from '../../server/cli';
import { openDatabase } from '../../server/db/client';

/*
 * P4's import, in a process of its own so its peak RSS is the import's: `import events FILE` through
 * the CLI's runCommand, on DATABASE_URL or the PGlite folder QA_LENS_DATA_DIR. Prints one JSON line.
 */

async function main(): Promise<void> {
  const file = process.argv[2]!;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: process.env.QA_LENS_DATA_DIR! });
  try {
    const started = performance.now();
    const lines = await runCommand(database.db, ['import', 'events', file], { kind: database.kind });
    const seconds = (performance.now() - started) / 1000;
    // maxRSS is in kilobytes (the process's peak, opening the database included).
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ summary: lines.join(' '), seconds, peakRssMb }));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
