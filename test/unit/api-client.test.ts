import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../utils/api/client';

const json = (status: number, body: unknown) =>
  (async () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;

describe('API client', () => {
  it('sends the bearer token and validates the reply', async () => {
    let seen: Headers | undefined;
    const client = createApiClient({
      baseUrl: 'http://api.test/',
      token: 'qal_secret',
      fetch: (async (_url: string, init: RequestInit) => {
        seen = new Headers(init.headers);
        return new Response(JSON.stringify({ user: { id: 'mod.alex', name: 'Alex', roles: ['moderator'] } }));
      }) as typeof fetch,
    });
    expect((await client.me()).user.id).toBe('mod.alex');
    expect(seen?.get('Authorization')).toBe('Bearer qal_secret');
  });

  it('reports a reply that breaks the contract instead of passing it on', async () => {
    const client = createApiClient({ baseUrl: 'http://api.test', fetch: json(200, { items: 'nope' }) });
    await expect(client.lookup([{ site: 'demo-search', itemKey: 'x' }])).rejects.toMatchObject({ code: 'bad_reply' });
  });

  it("surfaces the server's error message and code", async () => {
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: json(403, { error: { code: 'forbidden', message: 'Needs role analyst or admin' } }),
    });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'Needs role analyst or admin' });
  });

  it('says the API is unreachable when the connection drops', async () => {
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    await expect(client.liveness()).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining('http://api.test'),
    });
  });
});
