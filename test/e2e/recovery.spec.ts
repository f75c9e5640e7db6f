import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from '@playwright/test';
import { createApp } from '../../server/app';
import { openDatabase, type OpenedDatabase } from '../../server/db/client';
import { seedDatabase } from '../../server/seed';
import { badgeLabelPattern, expectedSummaries } from '../support/expected';
import { expectBadgeCount, expectBadgeLabel, readBadges } from './badges';
import { expect, test } from './fixtures';
import { signIn } from './pages';

/**
 * An API this test can stop and start again on the same port, as a deploy
 * does: the HTTP server goes away (connections refused), its database stays.
 */
class RestartableApi {
  private server: ServerType | null = null;
  port = 0;

  constructor(private readonly app: ReturnType<typeof createApp>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = await new Promise<ServerType>((resolve, reject) => {
      const server = serve({ fetch: this.app.fetch, port: this.port, hostname: '127.0.0.1' }, () => resolve(server));
      server.once('error', reject);
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections would otherwise keep answering after the "deploy".
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  }
}

const itemIds = (page: Page) =>
  page.locator('article.mq-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-item-id')!));

test.describe('when the API goes away and comes back', () => {
  let database: OpenedDatabase;
  let api: RestartableApi;

  test.afterEach(async ({ context, extensionId, apiUrl }) => {
    await api?.stop();
    await database?.close();
    // The other specs talk to the suite's API.
    await signIn(context, extensionId, apiUrl, 'Alex Moreno');
  });

  test('badges that showed the outage recover by themselves, without a reload', async ({
    context,
    extensionId,
    page,
    demoUrl,
    seed,
  }) => {
    test.setTimeout(120_000);
    const before = `${demoUrl}/moderation/queues/videos?page=3`;
    const after = `${demoUrl}/moderation/queues/listings?page=3`;
    await page.goto(after);
    const switchedTo = await itemIds(page);
    await page.goto(before);
    const first = await itemIds(page);
    const wanted = new Set([...first, ...switchedTo]);

    // A small API of its own, seeded with exactly these items' events.
    database = await openDatabase({});
    await seedDatabase(database.db, {
      users: [...seed.users],
      events: seed.events.filter((e) => e.site === 'demo-moderation' && wanted.has(e.itemKey)),
    });
    api = new RestartableApi(
      createApp({ db: database.db, kind: database.kind, version: 'e2e', demoUsers: [...seed.users] }),
    );
    await api.start();
    await signIn(context, extensionId, api.url, 'Alex Moreno');
    const expected = expectedSummaries(seed.events);

    await page.goto(before);
    for (const id of first) {
      await expectBadgeLabel(page, id, badgeLabelPattern(expected.get(`demo-moderation/${id}`)));
    }

    // A deploy: the API goes away while the queue is open, and the moderator switches queues.
    await api.stop();
    await page.goto(after);
    await expect(page.locator('qa-lens-badge')).toHaveCount(switchedTo.length);
    await expectBadgeCount(page, switchedTo.length, 'error');
    expect((await readBadges(page))[0]?.label).toMatch(/Cannot reach the QA Lens API/);

    // The API is back on the same address: every badge recovers with no reload.
    await api.start();
    for (const id of switchedTo) {
      await expectBadgeLabel(page, id, badgeLabelPattern(expected.get(`demo-moderation/${id}`)), 30_000);
    }
    await expectBadgeCount(page, 0, 'error');
  });
});
