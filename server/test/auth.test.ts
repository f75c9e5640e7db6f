import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ApiErrorBody, MeResponse, TokenResponse, type Role } from '../../contract';
import { createApp } from '../app';
import { apiTokens } from '../db/schema';
import { hashToken } from '../tokens';
import { describeEachDatabase } from './databases';
import { useTestApp } from './harness';

const ALL: Role[] = ['moderator', 'evaluator', 'analyst', 'admin'];

describeEachDatabase('auth, users and tokens', (database) => {
  const t = useTestApp(database);

  it('refuses a missing, unknown or revoked token with 401', async () => {
    const { token, tokenId } = await t.caller('mod.one', ['moderator']);
    expect((await t.request('GET', '/v1/me')).status).toBe(401);
    expect((await t.request('GET', '/v1/me', { token: 'qal_not-a-real-token' })).status).toBe(401);
    expect((await t.request('GET', '/v1/me', { token })).status).toBe(200);

    await t.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId));
    const revoked = await t.request('GET', '/v1/me', { token });
    expect(revoked.status).toBe(401);
    expect(ApiErrorBody.parse(await revoked.json()).error.code).toBe('unauthorized');
  });

  it('answers /v1/me with the caller for every role', async () => {
    for (const role of ALL) {
      const { token } = await t.caller(`user.${role}`, [role]);
      const res = await t.request('GET', '/v1/me', { token });
      expect(res.status).toBe(200);
      expect(MeResponse.parse(await res.json()).user).toEqual({
        id: `user.${role}`,
        name: `User user.${role}`,
        roles: [role],
      });
    }
  });

  it.each([
    { path: '/v1/users', allowed: ['admin'], body: { id: 'new.user', name: 'New', roles: ['moderator'] } },
    { path: '/v1/quality-events/import', allowed: ['admin', 'analyst'], body: undefined },
    { path: '/v1/items/lookup', allowed: ALL, body: { items: [{ site: 's', itemKey: 'k' }] } },
  ])('admits only $allowed to POST $path (403 names them)', async ({ path, allowed, body }) => {
    for (const role of ALL) {
      const { token } = await t.caller(`who.${role}`, [role]);
      const res = await t.request('POST', path, { token, json: body ?? {}, contentType: 'application/json' });
      if (allowed.includes(role)) {
        expect(res.status, role).not.toBe(403);
        expect(res.status, role).toBeLessThan(500);
      } else {
        expect(res.status, role).toBe(403);
        expect(ApiErrorBody.parse(await res.json()).error.message).toContain(allowed.join(', '));
      }
    }
  });

  it('lets an admin create a user, refusing duplicates and invalid ids', async () => {
    const { token } = await t.caller('root.admin', ['admin']);
    const user = { id: 'eva.one', name: 'Eva One', roles: ['evaluator'] };
    const created = await t.request('POST', '/v1/users', { token, json: user });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ user });

    expect((await t.request('POST', '/v1/users', { token, json: user })).status).toBe(409);

    const invalid = await t.request('POST', '/v1/users', { token, json: { ...user, id: 'Bad Id', roles: [] } });
    expect(invalid.status).toBe(400);
    const paths = ApiErrorBody.parse(await invalid.json()).error.details?.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'roles']));
  });

  it('creates a token that works once shown and is stored only as its hash', async () => {
    const { token: adminToken } = await t.caller('root.admin', ['admin']);
    await t.request('POST', '/v1/users', { token: adminToken, json: { id: 'ana', name: 'Ana', roles: ['analyst'] } });

    const res = await t.request('POST', '/v1/users/ana/tokens', { token: adminToken, json: { label: 'laptop' } });
    expect(res.status).toBe(201);
    const created = TokenResponse.parse(await res.json());
    expect(created.token).toMatch(/^qal_[A-Za-z0-9_-]{43}$/);
    expect(created.user.id).toBe('ana');

    const me = await t.request('GET', '/v1/me', { token: created.token });
    expect(MeResponse.parse(await me.json()).user.id).toBe('ana');

    const rows = await t.db.select().from(apiTokens).where(eq(apiTokens.id, created.tokenId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(created.token));
    expect(rows[0]!.label).toBe('laptop');
    const everything = JSON.stringify(await t.db.select().from(apiTokens));
    expect(everything).not.toContain(created.token);
    expect(everything).not.toContain(created.token.slice(4));
  });

  it('defaults the token label and answers 404 for an unknown user', async () => {
    const { token } = await t.caller('root.admin', ['admin']);
    const res = await t.request('POST', '/v1/users/root.admin/tokens', { token });
    expect(res.status).toBe(201);
    const { tokenId } = TokenResponse.parse(await res.json());
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row?.label).toBe('api');

    expect((await t.request('POST', '/v1/users/nobody/tokens', { token, json: {} })).status).toBe(404);
  });

  it('records last use at most once a minute', async () => {
    const { token, tokenId } = await t.caller('mod.one', ['moderator']);
    let clock = new Date('2024-05-01T12:00:00Z');
    const app = createApp({ db: t.db, kind: t.kind, version: 'test', now: () => clock });
    const lastUsed = async () =>
      (await t.db.select().from(apiTokens).where(eq(apiTokens.id, tokenId)))[0]?.lastUsedAt?.toISOString();
    const me = () => app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });

    expect(await lastUsed()).toBeUndefined();
    await me();
    expect(await lastUsed()).toBe('2024-05-01T12:00:00.000Z');
    clock = new Date('2024-05-01T12:00:30Z');
    await me();
    expect(await lastUsed()).toBe('2024-05-01T12:00:00.000Z');
    clock = new Date('2024-05-01T12:01:05Z');
    await me();
    expect(await lastUsed()).toBe('2024-05-01T12:01:05.000Z');
  });
});
