import { beforeEach, expect, it } from 'vitest';
import { ApiErrorBody, CustomMetricCreate, type Role } from '../../contract';
import { createApp } from '../app';
import type { Database } from '../db/client';
import { createCustomMetric } from '../metrics/store';
import { describeEachDatabase } from './databases';
import { useTestApp, type Caller } from './harness';

/** One metrics route as the matrix calls it; `n` makes each caller's write its own. */
interface RouteCall {
  method: string;
  path: string;
  body?: (n: number) => unknown;
  /** The status an analyst or admin gets. */
  ok: number;
}

const RANGE = 'from=2026-01-01&to=2026-01-31';
const customMetric = (n: number) => ({
  name: `Metric ${n}`,
  description: '',
  numerator: { verdict: ['correct'] },
  denominator: { kind: ['qa_audit'] },
});

const ROUTES: Record<string, RouteCall> = {
  'GET /v1/metrics/series': {
    method: 'GET',
    path: `/v1/metrics/series?metric=accuracy&groupBy=queue&limits=true&${RANGE}`,
    ok: 200,
  },
  'GET /v1/metrics/series.csv': { method: 'GET', path: `/v1/metrics/series.csv?metric=gap_reports&${RANGE}`, ok: 200 },
  'GET /v1/metrics/events': { method: 'GET', path: '/v1/metrics/events?metric=accuracy&date=2026-01-05', ok: 200 },
  'GET /v1/metrics/events.csv': {
    method: 'GET',
    path: `/v1/metrics/events.csv?metric=gap_reports&type=missing&${RANGE}`,
    ok: 200,
  },
  'GET /v1/metrics/section-signals': { method: 'GET', path: `/v1/metrics/section-signals?${RANGE}`, ok: 200 },
  'GET /v1/metrics/section-signals.csv': { method: 'GET', path: `/v1/metrics/section-signals.csv?${RANGE}`, ok: 200 },
  'GET /v1/metrics/definitions': { method: 'GET', path: '/v1/metrics/definitions', ok: 200 },
  'GET /v1/metrics/custom': { method: 'GET', path: '/v1/metrics/custom', ok: 200 },
  'POST /v1/metrics/custom': {
    method: 'POST',
    path: '/v1/metrics/custom',
    body: (n) => ({ id: `metric_${n}`, ...customMetric(n) }),
    ok: 201,
  },
  'GET /v1/metrics/custom/{id}': { method: 'GET', path: '/v1/metrics/custom/shared_metric', ok: 200 },
  'PUT /v1/metrics/custom/{id}': {
    method: 'PUT',
    path: '/v1/metrics/custom/shared_metric',
    body: (n) => customMetric(n),
    ok: 200,
  },
  'DELETE /v1/metrics/custom/{id}': { method: 'DELETE', path: '/v1/metrics/custom/doomed_metric', ok: 200 },
  'GET /v1/metrics/core-index': { method: 'GET', path: '/v1/metrics/core-index', ok: 200 },
  'PUT /v1/metrics/core-index': {
    method: 'PUT',
    path: '/v1/metrics/core-index',
    body: (n) => ({ name: `Index ${n}`, components: [{ metric: 'accuracy', weight: n }] }),
    ok: 201,
  },
  'GET /v1/metrics/core-index/versions': { method: 'GET', path: '/v1/metrics/core-index/versions', ok: 200 },
  'GET /v1/metrics/core-index/versions/{version}': {
    method: 'GET',
    path: '/v1/metrics/core-index/versions/0',
    ok: 200,
  },
};

const ROLES: Role[] = ['moderator', 'evaluator', 'analyst', 'admin'];

it('has a matrix entry for exactly the metrics operations the OpenAPI document lists', () => {
  const document = createApp({ db: null as unknown as Database, kind: 'pglite', version: 'test' }).getOpenAPI31Document(
    { openapi: '3.1.0', info: { title: 'QA Lens API', version: 'test' } },
  );
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
    Object.keys(methods ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(operations.filter((key) => key.includes('/v1/metrics')).sort()).toEqual(Object.keys(ROUTES).sort());
});

describeEachDatabase('metrics roles', (database) => {
  const t = useTestApp(database);
  let callers: Record<Role, Caller>;

  beforeEach(async () => {
    callers = {} as Record<Role, Caller>;
    for (const role of ROLES) callers[role] = await t.caller(`user.${role}`, [role]);
    for (const id of ['shared_metric', 'doomed_metric']) {
      await createCustomMetric(t.db, CustomMetricCreate.parse({ id, ...customMetric(0) }), 'user.analyst');
    }
  });

  it.each(Object.entries(ROUTES))(
    '%s: analysts and admins only, 403 for others, 401 without a token',
    async (_key, route) => {
      let n = 0;
      const call = (token?: string) => {
        n += 1;
        return t.request(route.method, route.path, {
          ...(token ? { token } : {}),
          ...(route.body ? { json: route.body(n) } : {}),
        });
      };
      const anonymous = await call();
      expect(anonymous.status).toBe(401);
      for (const role of ['moderator', 'evaluator'] as const) {
        const res = await call(callers[role].token);
        expect(res.status, role).toBe(403);
        expect(ApiErrorBody.parse(await res.json()).error.code).toBe('forbidden');
      }
      // The analyst deletes the doomed metric; the admin then deletes a fresh one.
      expect((await call(callers.analyst.token)).status, 'analyst').toBe(route.ok);
      if (route.method === 'DELETE') {
        await createCustomMetric(
          t.db,
          CustomMetricCreate.parse({ id: 'doomed_metric', ...customMetric(0) }),
          'user.analyst',
        );
      }
      expect((await call(callers.admin.token)).status, 'admin').toBe(route.ok);
    },
  );
});
