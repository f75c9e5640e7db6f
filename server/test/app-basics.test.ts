import { describe, expect, it, vi } from 'vitest';
import { ApiErrorBody, LivenessResponse } from '../../contract';
import { createApp } from '../app';
import type { Database } from '../db/client';
import { describeEachDatabase } from './databases';
import { eventRow, ndjson } from './fixtures';
import { useTestApp } from './harness';

describeEachDatabase('app basics', (database) => {
  const t = useTestApp(database);

  it('reports health without auth, naming the database kind', async () => {
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    const body = LivenessResponse.parse(await res.json());
    expect(body).toEqual({ status: 'ok', version: 'test', database: database.name, demo: false });
  });

  it('serves an OpenAPI 3.1 document listing every route with bearer security', async () => {
    const res = await t.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/health',
        '/v1/adapters',
        '/v1/adapters/health',
        '/v1/adapters/{id}',
        '/v1/adapters/{id}/disable',
        '/v1/adapters/{id}/enable',
        '/v1/adapters/{id}/history',
        '/v1/demo/sign-in',
        '/v1/demo/users',
        '/v1/gap-reports',
        '/v1/gap-reports/bulk',
        '/v1/gap-reports/export.csv',
        '/v1/gap-reports/{id}',
        '/v1/gap-reports/{id}/comments',
        '/v1/gap-reports/{id}/duplicates',
        '/v1/gap-reports/{id}/merge',
        '/v1/gap-reports/{id}/history',
        '/v1/gap-reports/{id}/screenshot',
        '/v1/guidelines',
        '/v1/guidelines/publish',
        '/v1/guidelines/{id}/history',
        '/v1/guidelines/{id}/versions/{version}',
        '/v1/items/events',
        '/v1/items/lookup',
        '/v1/me',
        '/v1/metrics/core-index',
        '/v1/metrics/core-index/versions',
        '/v1/metrics/core-index/versions/{version}',
        '/v1/metrics/custom',
        '/v1/metrics/custom/{id}',
        '/v1/metrics/definitions',
        '/v1/metrics/events',
        '/v1/metrics/events.csv',
        '/v1/metrics/section-signals',
        '/v1/metrics/section-signals.csv',
        '/v1/metrics/series',
        '/v1/metrics/series.csv',
        '/v1/tokens',
        '/v1/tokens/{id}',
        '/v1/quality-events/import',
        '/v1/quality-events/imports',
        '/v1/quality-events/imports/{id}',
        '/v1/sync/gap-reports',
        '/v1/sync/guidelines',
        '/v1/sync/push',
        '/v1/sync/surveys',
        '/v1/sync/survey-responses',
        '/v1/surveys',
        '/v1/surveys/{id}',
        '/v1/surveys/{id}/results',
        '/v1/surveys/{id}/results.csv',
        '/v1/surveys/{id}/responses.csv',
        '/v1/users/{id}/quality',
        '/v1/users',
        '/v1/users/{id}/tokens',
      ].sort(),
    );
    expect(doc.components.securitySchemes.bearer?.scheme).toBe('bearer');
    expect(doc.paths['/v1/items/lookup']?.post?.security).toEqual([{ bearer: [] }]);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await t.request('GET', '/v1/nope');
    expect(res.status).toBe(404);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('not_found');
  });

  it('answers malformed JSON with 400', async () => {
    const { token } = await t.caller('ana', ['analyst']);
    const res = await t.request('POST', '/v1/items/lookup', { token, body: '{"items": [' });
    expect(res.status).toBe(400);
    expect(ApiErrorBody.parse(await res.json()).error.message).toMatch(/malformed json/i);
  });

  it('refuses a body over 1 MB with 413 and keeps answering', async () => {
    const { token } = await t.caller('ana', ['analyst']);
    const items = Array.from({ length: 400 }, (_, i) => ({ site: 's', itemKey: `${i}-${'x'.repeat(3000)}` }));
    const res = await t.request('POST', '/v1/items/lookup', { token, json: { items } });
    expect(res.status).toBe(413);
    expect(ApiErrorBody.parse(await res.json()).error.code).toBe('payload_too_large');
    expect((await t.request('GET', '/health')).status).toBe(200);
  });

  it('lets an import be larger than 1 MB', async () => {
    const { token } = await t.caller('ana', ['analyst']);
    const rows = Array.from({ length: 4000 }, (_, i) => eventRow({ id: `big-${i}`, itemKey: `item-${i % 50}` }));
    const body = ndjson(rows);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await t.request('POST', '/v1/quality-events/import', {
      token,
      body,
      contentType: 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 4000, inserted: 4000, itemsUpdated: 50 });
  });

  it('refuses an import over 50 MB with 413', async () => {
    const { token } = await t.caller('ana', ['analyst']);
    const res = await t.request('POST', '/v1/quality-events/import', {
      token,
      body: 'x'.repeat(50 * 1024 * 1024 + 1),
      contentType: 'application/x-ndjson',
    });
    expect(res.status).toBe(413);
  });

  it('allows extension origins in CORS and not others', async () => {
    const preflight = (origin: string) =>
      t.request('OPTIONS', '/v1/items/lookup', {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    for (const origin of ['chrome-extension://abcdef', 'moz-extension://1234-5678', 'http://localhost:5173']) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    }
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('unexpected errors', () => {
  it('answer 500 JSON without internals', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = new Proxy({} as Database, {
      get() {
        throw new Error('secret connection string in message');
      },
    });
    const app = createApp({ db: broken, kind: 'pglite', version: 'test' });
    const res = await app.request('/v1/me', { headers: { authorization: 'Bearer qal_x' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(ApiErrorBody.parse(JSON.parse(text)).error.code).toBe('internal');
    expect(text).not.toContain('secret');
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
