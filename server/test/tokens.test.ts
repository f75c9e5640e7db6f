import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ApiErrorBody, MeResponse, TokenInfo, TokenListResponse, TokenResponse, type User } from '../../contract';
import { createApp } from '../app';
import { runCommand } from '../cli';
import { apiTokens } from '../db/schema';
import { DEFAULT_POLICY } from '../policy';
import { describeEachDatabase } from './databases';
import { useTestApp } from './harness';

const DEMO: User[] = [{ id: 'mod.demo', name: 'Demo Moderator', roles: ['moderator'] }];
const START = new Date('2026-01-10T12:00:00.000Z');
const DAY = 86_400_000;

describeEachDatabase('tokens', (database) => {
  let clock = START;
  const policy = { ...DEFAULT_POLICY, tokenTtlDays: 30, demoTokenTtlDays: 7 };
  const t = useTestApp(database, { now: () => clock, policy, demoUsers: DEMO });

  const errorOf = async (res: Response) => ApiErrorBody.parse(await res.json()).error;

  it('gives admin-made tokens the default lifetime or the days asked for, and refuses them once expired', async () => {
    clock = START;
    const admin = await t.caller('root.admin', ['admin']);
    await t.caller('ana', ['analyst']);
    const byDefault = TokenResponse.parse(
      await (await t.request('POST', '/v1/users/ana/tokens', { token: admin.token })).json(),
    );
    expect(byDefault.expiresAt).toBe(new Date(START.getTime() + 30 * DAY).toISOString());
    const res = await t.request('POST', '/v1/users/ana/tokens', { token: admin.token, json: { label: 'ci', days: 2 } });
    expect(res.status).toBe(201);
    const short = TokenResponse.parse(await res.json());
    expect(short.expiresAt).toBe('2026-01-12T12:00:00.000Z');

    clock = new Date(START.getTime() + 2 * DAY - 1);
    expect((await t.request('GET', '/v1/me', { token: short.token })).status).toBe(200);
    clock = new Date(START.getTime() + 2 * DAY);
    const expired = await t.request('GET', '/v1/me', { token: short.token });
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).message).toBe('token expired on 2026-01-12T12:00:00.000Z');
    expect((await t.request('GET', '/v1/me', { token: byDefault.token })).status).toBe(200);
  });

  it('answers /v1/me with the current token id, label and expiry', async () => {
    clock = START;
    const admin = await t.caller('root.admin', ['admin']);
    const minted = TokenResponse.parse(
      await (
        await t.request('POST', '/v1/users/root.admin/tokens', { token: admin.token, json: { label: 'laptop' } })
      ).json(),
    );
    const me = MeResponse.parse(await (await t.request('GET', '/v1/me', { token: minted.token })).json());
    expect(me.token).toEqual({ id: minted.tokenId, label: 'laptop', expiresAt: minted.expiresAt });
  });

  it("lists one's own tokens without secrets and revokes them, the current one included", async () => {
    clock = START;
    const first = await t.caller('mod.one', ['moderator']);
    const second = await t.caller('mod.one', ['moderator']);
    await t.caller('mod.two', ['moderator']);

    const listed = await t.request('GET', '/v1/tokens', { token: first.token });
    const text = await listed.clone().text();
    const { tokens } = TokenListResponse.parse(await listed.json());
    expect(tokens.map((token) => token.id).sort()).toEqual([first.tokenId, second.tokenId].sort());
    expect(tokens.every((token) => token.userId === 'mod.one' && token.revokedAt === null)).toBe(true);
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, first.tokenId));
    expect(text).not.toContain(row!.tokenHash);
    expect(text).not.toContain(first.token);

    const revoked = await t.request('DELETE', `/v1/tokens/${second.tokenId}`, { token: first.token });
    expect(revoked.status).toBe(200);
    expect(TokenInfo.parse(await revoked.json()).revokedAt).toBe(START.toISOString());
    const refused = await t.request('GET', '/v1/me', { token: second.token });
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).message).toBe(`token revoked on ${START.toISOString()}`);

    expect((await t.request('DELETE', `/v1/tokens/${first.tokenId}`, { token: first.token })).status).toBe(200);
    expect((await t.request('GET', '/v1/tokens', { token: first.token })).status).toBe(401);
  });

  it("refuses to revoke someone else's token unless the caller is an admin, who may revoke and list anyone's", async () => {
    clock = START;
    const owner = await t.caller('mod.one', ['moderator']);
    const other = await t.caller('ana', ['analyst']);
    const admin = await t.caller('root.admin', ['admin']);

    const notYours = await t.request('DELETE', `/v1/tokens/${owner.tokenId}`, { token: other.token });
    expect(notYours.status).toBe(404);
    expect((await t.request('GET', '/v1/me', { token: owner.token })).status).toBe(200);
    expect((await t.request('GET', '/v1/users/mod.one/tokens', { token: other.token })).status).toBe(403);

    const list = await t.request('GET', '/v1/users/mod.one/tokens', { token: admin.token });
    expect(TokenListResponse.parse(await list.json()).tokens.map((token) => token.id)).toEqual([owner.tokenId]);
    expect((await t.request('GET', '/v1/users/nobody/tokens', { token: admin.token })).status).toBe(404);

    expect((await t.request('DELETE', `/v1/tokens/${owner.tokenId}`, { token: admin.token })).status).toBe(200);
    expect((await t.request('GET', '/v1/me', { token: owner.token })).status).toBe(401);
    expect((await t.request('DELETE', '/v1/tokens/tok_unknown', { token: admin.token })).status).toBe(404);
  });

  it('marks demo sign-in tokens, gives them the demo lifetime, and refuses them once demo mode is off', async () => {
    clock = START;
    const res = await t.request('POST', '/v1/demo/sign-in', { json: { userId: 'mod.demo' } });
    const demo = TokenResponse.parse(await res.json());
    expect(demo.expiresAt).toBe(new Date(START.getTime() + 7 * DAY).toISOString());
    const listed = TokenListResponse.parse(await (await t.request('GET', '/v1/tokens', { token: demo.token })).json());
    expect(listed.tokens.map((token) => token.demo)).toEqual([true]);
    const admin = await t.caller('root.admin', ['admin']);

    // The same database served without demo mode, as after a restart with demo users removed.
    const plain = createApp({ db: t.db, kind: t.kind, version: 'test', now: () => clock, policy });
    const me = (token: string) => plain.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
    const refused = await me(demo.token);
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).message).toMatch(/came from demo sign-in and demo mode is off/);
    expect((await me(admin.token)).status).toBe(200);
  });

  describe('from the CLI', () => {
    it('creates a token for N days, lists and revokes it, never printing a hash', async () => {
      const now = START;
      await t.caller('ana', ['analyst']);
      const [created, token] = await runCommand(t.db, ['token', 'create', '--user', 'ana', '--days', '3'], { now });
      expect(created).toMatch(/^token tok_\S+ for ana, expires 2026-01-13T12:00:00.000Z/);
      const id = /tok_\S+/.exec(created!)![0];
      const lines = await runCommand(t.db, ['token', 'list', '--user', 'ana'], { now });
      const line = lines.find((entry) => entry.startsWith(id));
      expect(line).toMatch(/active, expires 2026-01-13T12:00:00.000Z/);
      const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, id));
      expect(lines.join('\n')).not.toContain(row!.tokenHash);
      expect(lines.join('\n')).not.toContain(token);

      expect(await runCommand(t.db, ['token', 'revoke', id], { now })).toEqual([
        expect.stringMatching(/^revoked tok_/),
      ]);
      const after = await runCommand(t.db, ['token', 'list', '--user', 'ana'], { now });
      expect(after.find((entry) => entry.startsWith(id))).toMatch(/revoked 2026-01-10T12:00:00.000Z/);
      await expect(runCommand(t.db, ['token', 'revoke', 'tok_nope'], { now })).rejects.toThrow(/no token "tok_nope"/);
      await expect(runCommand(t.db, ['token', 'create', '--user', 'ana', '--days', '0'], { now })).rejects.toThrow(
        /--days must be/,
      );
      const longLabel = ['token', 'create', '--user', 'ana', '--label', 'x'.repeat(129)];
      await expect(runCommand(t.db, longLabel, { now })).rejects.toThrow(/--label: Too big/);
    });
  });
});
