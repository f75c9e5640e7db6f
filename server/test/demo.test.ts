import { describe, expect, it } from 'vitest';
import { ApiErrorBody, DemoUsersResponse, MeResponse, TokenResponse, type User } from '../../contract';
import { describeEachDatabase } from './databases';
import { useTestApp } from './harness';

const DEMO: User[] = [
  { id: 'mod.demo', name: 'Demo Moderator', roles: ['moderator'] },
  { id: 'analyst.demo', name: 'Demo Analyst', roles: ['analyst'] },
];

describeEachDatabase('demo sign-in', (database) => {
  describe('when demo users are set', () => {
    const t = useTestApp(database, { demoUsers: DEMO });

    it('lists the demo users and reports demo mode in /health', async () => {
      const res = await t.request('GET', '/v1/demo/users');
      expect(res.status).toBe(200);
      expect(DemoUsersResponse.parse(await res.json()).users).toEqual(DEMO);
      expect(await (await t.request('GET', '/health')).json()).toMatchObject({ demo: true });
    });

    it('signs in as a demo user with a working token, even before seeding', async () => {
      const res = await t.request('POST', '/v1/demo/sign-in', { json: { userId: 'analyst.demo' } });
      expect(res.status).toBe(200);
      const { token, user } = TokenResponse.parse(await res.json());
      expect(user).toEqual(DEMO[1]);
      const me = await t.request('GET', '/v1/me', { token });
      expect(MeResponse.parse(await me.json()).user.id).toBe('analyst.demo');
    });

    it('refuses users outside the demo list, even existing ones', async () => {
      await t.caller('real.admin', ['admin']);
      const res = await t.request('POST', '/v1/demo/sign-in', { json: { userId: 'real.admin' } });
      expect(res.status).toBe(404);
      expect((await t.request('POST', '/v1/demo/sign-in', { json: { userId: 'X' } })).status).toBe(400);
    });
  });

  describe('when demo users are not set', () => {
    const t = useTestApp(database);

    it('answers both demo routes with 404 and a clear message', async () => {
      for (const res of [
        await t.request('GET', '/v1/demo/users'),
        await t.request('POST', '/v1/demo/sign-in', { json: { userId: 'mod.demo' } }),
      ]) {
        expect(res.status).toBe(404);
        const { error } = ApiErrorBody.parse(await res.json());
        expect(error.code).toBe('demo_disabled');
        expect(error.message).toMatch(/demo mode is off/);
      }
    });
  });
});
