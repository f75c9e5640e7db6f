import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ApiErrorBody, TokenResponse, type User } from '../../contract';
import { createApp } from '../app';
import { adapterHealthReports, apiTokens, rateLimits } from '../db/schema';
import { DEFAULT_POLICY, type ServerPolicy } from '../policy';
import { pruneExpired, schedulePruning } from '../retention';
import { createToken } from '../tokens';
import { upsertUsers } from '../users';
import { describeEachDatabase } from './databases';
import { healthReport } from './fixtures';
import { useTestApp } from './harness';

const MB = 1024 * 1024;
const DAY = 86_400_000;
// 200 s into a 10-minute window that starts at 12:00:00, so a refusal must say "retry in 400 s".
const NOW = new Date('2026-03-01T12:03:20.000Z');
const DEMO: User[] = [{ id: 'mod.demo', name: 'Demo', roles: ['moderator'] }];

/** A body that counts how much of it anyone read; nothing is produced until someone pulls. */
function countingBody(totalBytes: number) {
  const chunk = new Uint8Array(MB);
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= totalBytes) return controller.close();
        state.pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describeEachDatabase('limits on what clients can fill', (database) => {
  let clock = NOW;
  const policy: ServerPolicy = {
    ...DEFAULT_POLICY,
    healthReports: { limit: 3, windowSeconds: 600 },
    demoSignIns: { limit: 2, windowSeconds: 600 },
  };
  let address = '10.0.0.1';
  const options = { now: () => clock, policy, demoUsers: DEMO, clientAddress: () => address };
  const t = useTestApp(database, options);

  const importStream = (app: { request: typeof t.app.request }, token: string | null, body: ReadableStream) =>
    app.request('/v1/quality-events/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
      duplex: 'half',
    } as RequestInit);

  it('refuses an anonymous or under-privileged 60 MB import before reading any of it', async () => {
    clock = NOW;
    const anonymous = countingBody(60 * MB);
    const res = await importStream(t.app, null, anonymous.stream);
    expect(res.status).toBe(401);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('unauthorized');
    expect(anonymous.state.pulled).toBe(0);

    const { token } = await t.caller('mod.one', ['moderator']);
    const moderator = countingBody(60 * MB);
    expect((await importStream(t.app, token, moderator.stream)).status).toBe(403);
    expect(moderator.state.pulled).toBe(0);

    // A declared length is not trusted either way: still 401, not 413.
    const declared = await t.request('POST', '/v1/quality-events/import', {
      body: 'x',
      contentType: 'application/x-ndjson',
      headers: { 'content-length': String(60 * MB) },
    });
    expect(declared.status).toBe(401);
  });

  it('still stops an analyst at 50 MB, reading no further than the limit', async () => {
    clock = NOW;
    const { token } = await t.caller('ana', ['analyst']);
    const body = countingBody(60 * MB);
    const res = await importStream(t.app, token, body.stream);
    expect(res.status).toBe(413);
    expect(body.state.pulled).toBeLessThanOrEqual(51 * MB);
  });

  it('keeps the 1 MB limit on every other route, before authentication', async () => {
    const body = countingBody(2 * MB);
    const res = await t.app.request('/v1/items/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  const report = (token: string, count: number, app = t.app) =>
    app.request('/v1/adapters/health', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reports: Array.from({ length: count }, () => healthReport()) }),
    });

  it('rate-limits health reports per user with 429, Retry-After and the error body; refusals cost nothing', async () => {
    clock = NOW;
    const { token } = await t.caller('mod.one', ['moderator']);
    expect((await report(token, 2)).status).toBe(202);
    const refused = await report(token, 2);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('400');
    const { error } = ApiErrorBody.parse(await refused.json());
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/at most 3 per 600 s; try again in 400 s/);
    expect((await report(token, 1)).status).toBe(202);
    expect((await report(token, 1)).status).toBe(429);
    expect(await t.db.$count(adapterHealthReports)).toBe(3);

    const other = await t.caller('mod.two', ['moderator']);
    expect((await report(other.token, 3)).status).toBe(202);

    clock = new Date('2026-03-01T12:10:00.000Z');
    expect((await report(token, 3)).status).toBe(202);
  });

  it('shares one count between two API instances on the database, even under concurrent requests', async () => {
    clock = NOW;
    const { token } = await t.caller('mod.one', ['moderator']);
    // On PostgreSQL the second instance has its own connection pool, as a second process would.
    const connection = await t.connectAgain();
    try {
      const second = createApp({ db: connection.db, kind: t.kind, version: 'test', ...options });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => report(token, 1, i % 2 === 0 ? t.app : second)),
      );
      const statuses = results.map((res) => res.status).sort();
      expect(statuses).toEqual([202, 202, 202, 429, 429, 429, 429, 429, 429, 429]);
      expect(await t.db.$count(adapterHealthReports)).toBe(3);
    } finally {
      await connection.close();
    }
  });

  it('rate-limits demo sign-in per client address', async () => {
    clock = NOW;
    const signIn = () => t.request('POST', '/v1/demo/sign-in', { json: { userId: 'mod.demo' } });
    address = '10.0.0.1';
    expect((await signIn()).status).toBe(200);
    expect((await signIn()).status).toBe(200);
    const refused = await signIn();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('400');
    address = '10.0.0.2';
    TokenResponse.parse(await (await signIn()).json());
    expect(await t.db.$count(apiTokens)).toBe(3);
  });

  it('prunes old health reports, long-expired or long-revoked tokens and ended windows; pruning twice is a no-op', async () => {
    const user: User = { id: 'mod.one', name: 'One', roles: ['moderator'] };
    await upsertUsers(t.db, [user]);
    const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
    const mint = (label: string, createdDaysAgo: number, days: number) =>
      createToken(t.db, user, { label, days, now: ago(createdDaysAgo) });
    await mint('expired long ago', 100, 60); // expired 40 days ago: past the 30-day grace
    await mint('expired recently', 40, 30); // expired 10 days ago: kept so a 401 can say when
    const revoked = await mint('revoked long ago', 50, 90);
    await t.db
      .update(apiTokens)
      .set({ revokedAt: ago(31) })
      .where(eq(apiTokens.id, revoked.tokenId));
    await mint('active', 1, 90);

    const row = (daysAgo: number) => ({
      adapterId: 'acme-queue',
      adapterVersion: 1,
      site: 'acme',
      pageUrl: 'https://acme.internal/queue',
      itemsFound: 1,
      itemsMissingRequired: 0,
      missingFields: {},
      selectorsNeverMatched: [],
      reportedBy: 'mod.one',
      reportedAt: ago(daysAgo),
      pageAt: ago(daysAgo),
    });
    await t.db.insert(adapterHealthReports).values([row(31), row(29), row(0)]);
    await t.db.insert(rateLimits).values([
      { bucket: 'health-reports:mod.one', windowStart: new Date(NOW.getTime() - 3_600_000), count: 3 },
      { bucket: 'health-reports:mod.one', windowStart: new Date('2026-03-01T12:00:00.000Z'), count: 1 },
    ]);

    expect(await pruneExpired(t.db, DEFAULT_POLICY, NOW)).toEqual({ tokens: 2, healthReports: 1, rateLimits: 1 });
    const labels = (await t.db.select({ label: apiTokens.label }).from(apiTokens)).map((r) => r.label).sort();
    expect(labels).toEqual(['active', 'expired recently']);
    expect(await t.db.$count(adapterHealthReports)).toBe(2);
    expect(await t.db.$count(rateLimits)).toBe(1);
    expect(await pruneExpired(t.db, DEFAULT_POLICY, NOW)).toEqual({ tokens: 0, healthReports: 0, rateLimits: 0 });

    // A shorter retention from the environment applies on the next run (here: the scheduled one).
    const stop = schedulePruning(t.db, { ...DEFAULT_POLICY, healthRetentionDays: 10 }, { now: () => NOW });
    await stop();
    expect(await t.db.$count(adapterHealthReports)).toBe(1);
  });
});
