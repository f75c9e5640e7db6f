import { beforeEach, expect, it } from 'vitest';
import { AdapterHealthResponse, ApiErrorBody, isBroken, type AdapterHealthReport, type Role } from '../../contract';
import { adapterHealthReports } from '../db/schema';
import { describeEachDatabase } from './databases';
import { healthReport } from './fixtures';
import { useTestApp, type Caller } from './harness';

const T0 = new Date('2025-06-01T12:00:00Z');
const HOUR = 3_600_000;

describeEachDatabase('adapter health', (database) => {
  let clock = T0;
  const t = useTestApp(database, { now: () => clock });
  let analyst: Caller;
  let moderator: Caller;

  beforeEach(async () => {
    clock = T0;
    analyst = await t.caller('ana', ['analyst']);
    moderator = await t.caller('mod.one', ['moderator']);
  });

  const post = (reports: unknown[], token = moderator.token) =>
    t.request('POST', '/v1/adapters/health', { token, json: { reports } });
  const report = async (reports: AdapterHealthReport[], token?: string) => {
    const res = await post(reports, token);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: reports.length });
  };
  const summary = async (query = '', roles: Role[] = ['analyst']) => {
    const token = roles.includes('analyst') ? analyst.token : (await t.caller('x.admin', roles)).token;
    const res = await t.request('GET', `/v1/adapters/health${query}`, { token });
    expect(res.status).toBe(200);
    return AdapterHealthResponse.parse(await res.json()).adapters;
  };
  const error = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    return ApiErrorBody.parse(await res.json()).error;
  };

  it('stores reports for any well-formed adapter id, as the caller, at server time', async () => {
    await report([
      healthReport({ adapterId: 'demo-moderation', site: 'demo-moderation', missingFields: { queue: 2 } }),
      healthReport({ adapterId: 'never-published', at: '2020-01-01T00:00:00+02:00' }),
    ]);
    const rows = await t.db.select().from(adapterHealthReports).orderBy(adapterHealthReports.id);
    expect(rows.map((r) => [r.adapterId, r.reportedBy, r.reportedAt.toISOString(), r.pageAt.toISOString()])).toEqual([
      ['demo-moderation', 'mod.one', T0.toISOString(), '2025-06-01T11:59:00.000Z'],
      ['never-published', 'mod.one', T0.toISOString(), '2019-12-31T22:00:00.000Z'],
    ]);
    expect(rows[0]!.missingFields).toEqual({ queue: 2 });
  });

  it('refuses more than 100 reports, an empty batch, a page URL with a query, and a bad id', async () => {
    const many = Array.from({ length: 101 }, () => healthReport());
    expect((await error(await post(many), 400)).details?.[0]?.path).toBe('reports');
    expect((await error(await post([]), 400)).details?.[0]?.path).toBe('reports');
    const query = await error(await post([healthReport({ pageUrl: 'https://acme.internal/queue?user=42' })]), 400);
    expect(query.details?.[0]).toMatchObject({ path: 'reports.0.pageUrl', message: expect.stringMatching(/no query/) });
    const fragment = healthReport({ pageUrl: 'https://acme.internal/queue#x' });
    expect((await error(await post([healthReport(), fragment]), 400)).details?.[0]?.path).toBe('reports.1.pageUrl');
    expect((await error(await post([healthReport({ adapterId: 'Bad Id' })]), 400)).details?.[0]?.path).toBe(
      'reports.0.adapterId',
    );
    await report(Array.from({ length: 100 }, () => healthReport()));
    expect(await t.db.$count(adapterHealthReports)).toBe(100);
  });

  it('lists broken adapters first with counts and the newest broken report, then the rest by id', async () => {
    const noItems = healthReport({ adapterId: 'zeta', itemsFound: 0, pageUrl: 'https://acme.internal/q/1' });
    const missing = healthReport({
      adapterId: 'zeta',
      itemsMissingRequired: 3,
      missingFields: { queue: 3 },
      pageUrl: 'https://acme.internal/q/2',
      at: '2025-06-01T12:29:00Z',
    });
    const neverMatched = healthReport({ adapterId: 'beta', selectorsNeverMatched: ['label'] });
    const batch = [
      healthReport({ adapterId: 'gamma' }),
      noItems,
      healthReport({ adapterId: 'zeta' }),
      neverMatched,
      healthReport({ adapterId: 'alpha' }),
      healthReport({ adapterId: 'alpha' }),
    ];
    // The SQL rule must agree with the contract's.
    expect(batch.map(isBroken)).toEqual([false, true, false, true, false, false]);
    await report(batch);
    clock = new Date(T0.getTime() + 30 * 60_000);
    await report([missing]);

    const adapters = await summary();
    expect(adapters.map((a) => [a.adapterId, a.reports, a.brokenReports])).toEqual([
      ['zeta', 3, 2],
      ['beta', 1, 1],
      ['alpha', 2, 0],
      ['gamma', 1, 0],
    ]);
    const [zeta, beta, alpha] = adapters;
    expect(zeta).toMatchObject({ lastReportAt: '2025-06-01T12:30:00.000Z', lastBrokenAt: '2025-06-01T12:30:00.000Z' });
    expect(zeta!.lastBroken).toEqual({ ...missing, at: '2025-06-01T12:29:00.000Z' });
    expect(beta!.lastBroken).toEqual({ ...neverMatched, at: '2025-06-01T11:59:00.000Z' });
    expect(alpha).toMatchObject({ lastReportAt: T0.toISOString(), lastBrokenAt: null, lastBroken: null });
  });

  it('counts an adapter whose badges nobody can see as broken, and keeps why', async () => {
    const clipped = healthReport({
      adapterId: 'grid',
      badgesChecked: 20,
      badgesHidden: { zeroSize: 0, clipped: 18, covered: 2 },
    });
    expect([clipped, healthReport({ adapterId: 'fine' })].map(isBroken)).toEqual([true, false]);
    await report([clipped, healthReport({ adapterId: 'fine' })]);
    const adapters = await summary();
    expect(adapters.map((a) => [a.adapterId, a.brokenReports])).toEqual([
      ['grid', 1],
      ['fine', 0],
    ]);
    expect(adapters[0]!.lastBroken).toMatchObject({ badgesChecked: 20, badgesHidden: { clipped: 18, covered: 2 } });
  });

  it('takes the later of two broken reports sent in one request', async () => {
    const first = healthReport({ itemsFound: 0, pageUrl: 'https://acme.internal/first' });
    const second = healthReport({ itemsFound: 0, pageUrl: 'https://acme.internal/second' });
    await report([first, second]);
    const [acme] = await summary();
    expect(acme!.lastBroken?.pageUrl).toBe('https://acme.internal/second');
  });

  it('counts only reports received within the window (default 24 hours, by server time)', async () => {
    await report([healthReport({ adapterId: 'old', itemsFound: 0 }), healthReport({ adapterId: 'both' })]);
    clock = new Date(T0.getTime() + 25 * HOUR);
    await report([healthReport({ adapterId: 'both', itemsFound: 0, at: '2000-01-01T00:00:00Z' })]);

    const day = await summary();
    expect(day.map((a) => [a.adapterId, a.reports, a.brokenReports])).toEqual([['both', 1, 1]]);
    const wider = await summary('?hours=26');
    expect(wider.map((a) => [a.adapterId, a.reports, a.brokenReports])).toEqual([
      ['both', 2, 1],
      ['old', 1, 1],
    ]);
    expect(await summary('?hours=1')).toHaveLength(1);
    clock = new Date(T0.getTime() + 60 * 24 * HOUR);
    expect(await summary('?hours=720')).toEqual([]);

    for (const hours of ['0', '721', 'x']) {
      const res = await t.request('GET', `/v1/adapters/health?hours=${hours}`, { token: analyst.token });
      expect((await error(res, 400)).details?.[0]?.path).toBe('hours');
    }
  });

  it('lets admins and analysts read health, not moderators or evaluators; anyone signed in reports', async () => {
    const evaluator = await t.caller('eva', ['evaluator']);
    await report([healthReport()], evaluator.token);
    await report([healthReport()], analyst.token);
    expect(await summary('', ['admin'])).toHaveLength(1);
    expect((await summary())[0]!.reports).toBe(2);
    for (const caller of [moderator, evaluator]) {
      const res = await t.request('GET', '/v1/adapters/health', { token: caller.token });
      expect((await error(res, 403)).code).toBe('forbidden');
    }
    expect((await t.request('POST', '/v1/adapters/health', { json: { reports: [healthReport()] } })).status).toBe(401);
  });
});
