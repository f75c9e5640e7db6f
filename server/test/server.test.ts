import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ApiErrorBody, LivenessResponse, QualityEventInput } from '../../contract';
import { openDatabase } from '../db/client';
import { qualityEvents } from '../db/schema';
import { startServer } from '../main';
import { seedDatabase } from '../seed';
import { eventRow } from './fixtures';

describe('startServer', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  vi.spyOn(console, 'log').mockImplementation(() => {});

  it('listens on a real port, survives an oversized request, and closes', async () => {
    const server = await startServer({ port: 0 });
    try {
      const port = Number(new URL(server.url).port);
      expect(port).toBeGreaterThan(0);
      const huge = await fetch(`${server.url}/v1/items/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(2 * 1024 * 1024),
      });
      expect(huge.status).toBe(413);
      const health = LivenessResponse.parse(await (await fetch(`${server.url}/health`)).json());
      expect(health).toMatchObject({ status: 'ok', database: 'pglite', demo: false });
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('serves a database it is handed, closes it, and refuses a taken port', async () => {
    const database = await openDatabase({});
    await seedDatabase(database.db, { users: [], events: [QualityEventInput.parse(eventRow({ id: 'h1' }))] });
    const server = await startServer({ port: 0, database, demoUsers: [] });
    const port = Number(new URL(server.url).port);
    const signIn = await fetch(`${server.url}/v1/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'nobody' }),
    });
    expect(signIn.status).toBe(404);
    const clash = openDatabase({});
    await expect(startServer({ port, database: await clash })).rejects.toThrow(/EADDRINUSE/);
    await server.close();
    await expect(database.db.select().from(qualityEvents)).rejects.toThrow();
  });

  it('keeps data in a PGlite folder across restarts; demo tokens only while demo mode is on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qalens-'));
    dirs.push(dir);
    const demoUsers = [{ id: 'mod.demo', name: 'Demo', roles: ['moderator' as const] }];
    const first = await startServer({ port: 0, dataDir: dir, demoUsers });
    const signIn = await fetch(`${first.url}/v1/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'mod.demo' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    await first.close();

    const second = await startServer({ port: 0, dataDir: dir, demoUsers });
    try {
      const me = await fetch(`${second.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
    } finally {
      await second.close();
    }

    // The same folder served without demo mode: the demo token no longer opens anything.
    const third = await startServer({ port: 0, dataDir: dir });
    try {
      const me = await fetch(`${third.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(401);
      expect(ApiErrorBody.parse(await me.json()).error.message).toMatch(/demo sign-in .* demo mode is off/);
    } finally {
      await third.close();
    }
  });
});
