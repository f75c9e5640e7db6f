import { beforeEach, expect, it } from 'vitest';
import type { Role } from '../../contract';
import { createApp } from '../app';
import type { Database } from '../db/client';
import { gapReportComments, gapReportHistory } from '../db/schema';
import { describeEachDatabase } from './databases';
import { gapReport, reportId } from './gap-fixtures';
import { useTestApp } from './harness';
import { file } from './inbox-fixtures';

/*
 * Every analyst route of the gap reports for every role: moderators and evaluators get 403 (even
 * on their own report) and change nothing, analysts and admins get the route's success, and a
 * request without a token gets 401.
 */

/** A valid request of one analyst route; `n` varies what must be new per caller (comment ids, merges). */
interface RouteCase {
  method: string;
  path: string;
  body?: (n: number) => unknown;
  ok: number;
}

const ROUTES: Record<string, RouteCase> = {
  'GET /v1/gap-reports': { method: 'GET', path: '/v1/gap-reports?status=new&count=true', ok: 200 },
  'GET /v1/gap-reports/export.csv': { method: 'GET', path: '/v1/gap-reports/export.csv?q=satire', ok: 200 },
  'GET /v1/gap-reports/{id}': { method: 'GET', path: `/v1/gap-reports/${reportId(1)}`, ok: 200 },
  'PATCH /v1/gap-reports/{id}': {
    method: 'PATCH',
    path: `/v1/gap-reports/${reportId(1)}`,
    body: () => ({ status: 'triaged' }),
    ok: 200,
  },
  'POST /v1/gap-reports/{id}/comments': {
    method: 'POST',
    path: `/v1/gap-reports/${reportId(1)}/comments`,
    body: (n) => ({ id: reportId(900 + n), body: 'Noted.' }),
    ok: 201,
  },
  'GET /v1/gap-reports/{id}/history': { method: 'GET', path: `/v1/gap-reports/${reportId(1)}/history`, ok: 200 },
  'POST /v1/gap-reports/bulk': {
    method: 'POST',
    path: '/v1/gap-reports/bulk',
    body: () => ({ ids: [reportId(1), reportId(2)], assignee: 'ana.analyst' }),
    ok: 200,
  },
  'GET /v1/gap-reports/{id}/duplicates': {
    method: 'GET',
    path: `/v1/gap-reports/${reportId(1)}/duplicates`,
    ok: 200,
  },
  'POST /v1/gap-reports/{id}/merge': {
    method: 'POST',
    path: `/v1/gap-reports/${reportId(1)}/merge`,
    body: (n) => ({ duplicates: [reportId(2 + (n % 2))] }),
    ok: 200,
  },
};

const ROLES: { role: Role; allowed: boolean }[] = [
  { role: 'moderator', allowed: false },
  { role: 'evaluator', allowed: false },
  { role: 'analyst', allowed: true },
  { role: 'admin', allowed: true },
];

it('covers every analyst route of the gap reports the OpenAPI document lists', () => {
  const document = createApp({ db: null as unknown as Database, kind: 'pglite', version: 'test' }).getOpenAPI31Document(
    {
      openapi: '3.1.0',
      info: { title: 'QA Lens API', version: 'test' },
    },
  );
  const keys = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.keys(methods ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
  );
  // The screenshot is also its reporter's: tested in gap-reports.test.ts.
  const analystRoutes = keys.filter((key) => key.includes(' /v1/gap-reports') && !key.endsWith('/screenshot'));
  expect(analystRoutes.sort()).toEqual(Object.keys(ROUTES).sort());
});

describeEachDatabase('inbox roles', (database) => {
  const t = useTestApp(database);

  beforeEach(async () => {
    await t.caller('ana.analyst', ['analyst']);
    await t.caller('eve.eval', ['evaluator']);
    // Filed by the evaluator: being its reporter gives no triage rights.
    await file(
      t.db,
      'eve.eval',
      [1, 2, 3, 4].map((n) => gapReport(n)),
    );
  });

  const send = (route: RouteCase, n: number, token?: string) =>
    t.request(route.method, route.path, {
      ...(token ? { token } : {}),
      ...(route.body ? { json: route.body(n) } : {}),
    });

  it.each(Object.entries(ROUTES))(
    '%s: 401 without a token, 403 for moderators and evaluators, success for analysts and admins',
    async (_, route) => {
      expect((await send(route, 0)).status).toBe(401);
      for (const [n, { role, allowed }] of ROLES.entries()) {
        const caller = await t.caller(`${role}.caller`, [role]);
        const res = await send(route, n, caller.token);
        expect(res.status, `${role}: ${await res.clone().text()}`).toBe(allowed ? route.ok : 403);
        if (!allowed) {
          // Refused before anything was read or written.
          expect(await t.db.$count(gapReportHistory), role).toBe(0);
          expect(await t.db.$count(gapReportComments), role).toBe(0);
        }
      }
    },
  );

  it('gives the reporter of a report 403 on its triage routes too', async () => {
    const eve = await t.caller('eve.eval', ['evaluator']);
    for (const route of Object.values(ROUTES)) {
      expect((await send(route, 0, eve.token)).status, `${route.method} ${route.path}`).toBe(403);
    }
  });
});
