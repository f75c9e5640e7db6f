import { beforeEach, expect, it } from 'vitest';
import { ApiErrorBody, type Role } from '../../contract';
import { createApp } from '../app';
import type { Database } from '../db/client';
import { describeEachDatabase } from './databases';
import { useTestApp, type Caller } from './harness';
import { answer, NOW, surveyApi, yesNoSurvey } from './survey-fixtures';

/** One survey route as the matrix calls it; `n` makes each caller's write its own. */
interface RouteCall {
  method: string;
  path: (surveyId: string) => string;
  body?: (surveyId: string, n: number) => unknown;
  /** Analysts and admins only (else any signed-in user). */
  analysts: boolean;
  /** The status a permitted caller gets. */
  ok: number;
}

const ROUTES: Record<string, RouteCall> = {
  'POST /v1/surveys': { method: 'POST', path: () => '/v1/surveys', body: () => yesNoSurvey(), analysts: true, ok: 201 },
  'GET /v1/surveys': { method: 'GET', path: () => '/v1/surveys', analysts: true, ok: 200 },
  'GET /v1/surveys/{id}': { method: 'GET', path: (id) => `/v1/surveys/${id}`, analysts: true, ok: 200 },
  'PATCH /v1/surveys/{id}': {
    method: 'PATCH',
    path: (id) => `/v1/surveys/${id}`,
    body: (_, n) => ({ responseCap: 100 + n }),
    analysts: true,
    ok: 200,
  },
  'GET /v1/surveys/{id}/results': {
    method: 'GET',
    path: (id) => `/v1/surveys/${id}/results?groupBy=queue`,
    analysts: true,
    ok: 200,
  },
  'GET /v1/surveys/{id}/results.csv': {
    method: 'GET',
    path: (id) => `/v1/surveys/${id}/results.csv`,
    analysts: true,
    ok: 200,
  },
  'GET /v1/surveys/{id}/responses.csv': {
    method: 'GET',
    path: (id) => `/v1/surveys/${id}/responses.csv`,
    analysts: true,
    ok: 200,
  },
  'GET /v1/sync/surveys': { method: 'GET', path: () => '/v1/sync/surveys', analysts: false, ok: 200 },
  'POST /v1/sync/survey-responses': {
    method: 'POST',
    path: () => '/v1/sync/survey-responses',
    body: (id, n) => ({ responses: [answer(n, id)] }),
    analysts: false,
    ok: 200,
  },
  'GET /v1/sync/survey-responses': { method: 'GET', path: () => '/v1/sync/survey-responses', analysts: false, ok: 200 },
};

const ROLES: Role[] = ['moderator', 'evaluator', 'analyst', 'admin'];

it('has a matrix entry for exactly the survey operations the OpenAPI document lists', () => {
  const document = createApp({ db: null as unknown as Database, kind: 'pglite', version: 'test' }).getOpenAPI31Document(
    { openapi: '3.1.0', info: { title: 'QA Lens API', version: 'test' } },
  );
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.keys(methods ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const surveyOperations = operations.filter((key) => /\/v1\/(sync\/)?survey/.test(key));
  expect(surveyOperations.sort()).toEqual(Object.keys(ROUTES).sort());
});

describeEachDatabase('survey roles', (database) => {
  const t = useTestApp(database, { now: () => NOW });
  const api = surveyApi(t);
  let callers: Record<Role, Caller>;
  let surveyId: string;

  beforeEach(async () => {
    callers = {} as Record<Role, Caller>;
    for (const role of ROLES) callers[role] = await t.caller(`${role}.one`, [role]);
    surveyId = (await api.create(callers.analyst.token, yesNoSurvey())).id;
  });

  const call = (route: RouteCall, n: number, token?: string) =>
    t.request(route.method, route.path(surveyId), {
      ...(token ? { token } : {}),
      ...(route.body ? { json: route.body(surveyId, n) } : {}),
    });

  it.each(Object.entries(ROUTES))(
    '%s: every role gets what it may, and nobody unauthenticated',
    async (_key, route) => {
      for (const [n, role] of ROLES.entries()) {
        const res = await call(route, n + 1, callers[role].token);
        const allowed = !route.analysts || role === 'analyst' || role === 'admin';
        expect(res.status, `${role}: ${await res.clone().text()}`).toBe(allowed ? route.ok : 403);
        if (!allowed) {
          expect(ApiErrorBody.parse(await res.json()).error).toEqual({
            code: 'forbidden',
            message: 'this route needs one of the roles: admin, analyst',
          });
        }
      }
      const anonymous = await call(route, 9);
      expect(anonymous.status).toBe(401);
      expect(ApiErrorBody.parse(await anonymous.json()).error.code).toBe('unauthorized');
    },
  );

  it('never shows a moderator or evaluator anyone else’s answers, nor counts of them', async () => {
    await api.push(callers.moderator.token, [answer(1, surveyId, { comment: 'mine' })]);
    await api.push(callers.evaluator.token, [answer(2, surveyId, { comment: 'hers' })]);
    for (const role of ['moderator', 'evaluator'] as const) {
      const own = await t.request('GET', '/v1/sync/survey-responses', { token: callers[role].token });
      const body = (await own.json()) as { responses: { comment: string }[] };
      expect(body.responses.map((r) => r.comment)).toEqual([role === 'moderator' ? 'mine' : 'hers']);
      const synced = await api.sync(callers[role].token);
      expect(synced.surveys[0]).not.toHaveProperty('responseCount');
      expect(synced.surveys[0]).not.toHaveProperty('createdBy');
    }
  });
});
