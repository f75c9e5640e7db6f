import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCommand } from '../cli';
import { resolveToken } from '../tokens';
import { describeEachDatabase } from './databases';
import { csv, eventRow } from './fixtures';
import { useTestApp } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'qalens-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('cli', (database) => {
  const t = useTestApp(database);

  it('creates a user and a token that resolves to that user', async () => {
    const created = await runCommand(t.db, [
      'user',
      'create',
      '--id',
      'ana',
      '--name',
      'Ana A',
      '--role',
      'analyst',
      '--role',
      'admin',
    ]);
    expect(created).toEqual(['created user ana (analyst, admin)']);
    const [, token] = await runCommand(t.db, ['token', 'create', '--user', 'ana', '--label', 'ci']);
    expect(token).toMatch(/^qal_/);
    const check = await resolveToken(t.db, token!, new Date(), { demoMode: false });
    expect(check.ok && check.user).toEqual({ id: 'ana', name: 'Ana A', roles: ['analyst', 'admin'] });
  });

  it('refuses an unknown role and an unknown user', async () => {
    await expect(runCommand(t.db, ['user', 'create', '--id', 'x1', '--name', 'X', '--role', 'boss'])).rejects.toThrow(
      /roles/,
    );
    await expect(runCommand(t.db, ['token', 'create', '--user', 'ghost'])).rejects.toThrow(/no user "ghost"/);
  });

  it('imports a CSV file, and prints per-line errors for a bad one', async () => {
    const good = join(dir, `good-${database.name}.csv`);
    writeFileSync(good, csv([eventRow({ id: 'c1' }), eventRow({ id: 'c2', itemKey: 'item-2' })]));
    expect(await runCommand(t.db, ['import', 'events', good])).toEqual([
      'received 2, inserted 2, duplicates 0, items updated 2',
    ]);

    const bad = join(dir, `bad-${database.name}.ndjson`);
    writeFileSync(
      bad,
      [
        JSON.stringify(eventRow({ id: 'c3' })),
        '{"id":',
        JSON.stringify(eventRow({ id: 'c4', kind: 'x' as never })),
      ].join('\n'),
    );
    const refusal = runCommand(t.db, ['import', 'events', bad]);
    await expect(refusal).rejects.toThrow(`${bad}:2: (root): not valid JSON`);
    await expect(refusal).rejects.toThrow(`${bad}:3: kind:`);
  });
});
