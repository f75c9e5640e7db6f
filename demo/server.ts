import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { User } from '../contract';
import { loadAsset } from './assets';
import { MODERATION_HANDBOOK, SEARCH_GUIDELINES } from './data/guidelines';
import {
  REVIEW_ITEMS_PER_QUEUE,
  REVIEW_MAX_LIMIT,
  REVIEW_PAGE_SIZE,
  REVIEW_QUEUES,
  reviewItems,
  reviewQueue,
} from './data/review';
import type { DemoSeed, ModerationItem } from './data/types';
import { GuidelinesPage } from './pages/guidelines-page';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { QueuePage, type QueueNavEntry } from './pages/queue-page';
import { ReviewPage } from './pages/review-page';
import { TaskPage } from './pages/task-page';
import { registerReachRoutes } from './reach-routes';
import { renderPage } from './render';

/** Cards per moderation queue page. */
export const PAGE_SIZE = 24;

/** Who the tools pretend is signed in. */
const MODERATION_USER_ID = 'mod.alex';
const SEARCH_USER_ID = 'eval.lee';

/** The demo tools (moderation console, search rating tool, Review Hub) as one Hono app. */
export function createDemoApp(seed: DemoSeed): Hono {
  const app = new Hono();
  // Index once: pages are rendered per request, lookups must not scan 2,400 items.
  const itemsByQueue = new Map<string, ModerationItem[]>();
  for (const item of seed.moderation.items) {
    const list = itemsByQueue.get(item.queue) ?? [];
    list.push(item);
    itemsByQueue.set(item.queue, list);
  }
  const queues: QueueNavEntry[] = seed.moderation.queues.map((q) => ({
    ...q,
    count: itemsByQueue.get(q.id)?.length ?? 0,
  }));
  const taskIndex = new Map(seed.search.tasks.map((task, index) => [task.id, index]));
  const findUser = (id: string): User | undefined => seed.users.find((u) => u.id === id);
  const moderator = findUser(MODERATION_USER_ID);
  const evaluator = findUser(SEARCH_USER_ID);
  const now = new Date(seed.anchor);

  app.get('/', (c) => c.html(renderPage(HomePage, { seed })));

  app.get('/assets/:name', async (c) => {
    const asset = await loadAsset(c.req.param('name'));
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
  });

  app.get('/moderation', (c) => c.redirect('/moderation/'));
  app.get('/moderation/', (c) => {
    const first = queues[0];
    return first ? c.redirect(`/moderation/queues/${first.id}`) : c.redirect('/');
  });
  app.get('/moderation/policies', (c) =>
    c.html(
      renderPage(GuidelinesPage, {
        doc: MODERATION_HANDBOOK,
        tool: 'moderation',
        user: moderator,
        backHref: '/moderation/',
      }),
    ),
  );
  app.get('/moderation/queues/:queueId', (c) => {
    const queue = queues.find((q) => q.id === c.req.param('queueId'));
    const items = queue ? (itemsByQueue.get(queue.id) ?? []) : [];
    const pageCount = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    const page = parsePage(c.req.query('page'));
    if (!queue || page === null || page > pageCount) {
      const what = queue ? `Page ${c.req.query('page') ?? ''} of ${queue.name}` : 'Queue';
      return c.html(
        renderPage(NotFoundPage, {
          tool: 'moderation',
          what,
          user: moderator,
          backHref: '/moderation/',
          backLabel: 'Back to queues',
        }),
        404,
      );
    }
    const slice = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    return c.html(renderPage(QueuePage, { queue, queues, items: slice, page, pageCount, user: moderator, now }));
  });

  app.get('/search-eval', (c) => c.redirect('/search-eval/'));
  app.get('/search-eval/', (c) => {
    const first = seed.search.tasks[0];
    return first ? c.redirect(`/search-eval/tasks/${first.id}`) : c.redirect('/');
  });
  app.get('/search-eval/guidelines', (c) =>
    c.html(
      renderPage(GuidelinesPage, {
        doc: SEARCH_GUIDELINES,
        tool: 'search',
        user: evaluator,
        backHref: '/search-eval/',
      }),
    ),
  );
  app.get('/search-eval/tasks/:taskId', (c) => {
    const index = taskIndex.get(c.req.param('taskId'));
    const task = index === undefined ? undefined : seed.search.tasks[index];
    if (index === undefined || !task) {
      return c.html(
        renderPage(NotFoundPage, {
          tool: 'search',
          what: 'Task',
          user: evaluator,
          backHref: '/search-eval/',
          backLabel: 'Back to the first task',
        }),
        404,
      );
    }
    const tasks = seed.search.tasks;
    return c.html(
      renderPage(TaskPage, {
        task,
        index,
        total: tasks.length,
        prevId: tasks[index - 1]?.id ?? null,
        nextId: tasks[index + 1]?.id ?? null,
        user: evaluator,
      }),
    );
  });

  // Review Hub: one HTML shell for every queue, items from a JSON API (see data/review.ts).
  const reviewQueues = REVIEW_QUEUES.map((q) => ({ ...q, count: REVIEW_ITEMS_PER_QUEUE }));
  app.get('/review', (c) => c.redirect('/review/'));
  app.get('/review/', (c) => c.redirect(`/review/queues/${REVIEW_QUEUES[0]!.id}`));
  app.get('/review/queues/:queue', (c) => {
    const queue = reviewQueues.find((q) => q.id === c.req.param('queue'));
    if (!queue) {
      return c.html(
        renderPage(NotFoundPage, {
          tool: 'review',
          what: 'Queue',
          user: moderator,
          backHref: '/review/',
          backLabel: 'Back to queues',
        }),
        404,
      );
    }
    return c.html(renderPage(ReviewPage, { queue, queues: reviewQueues, user: moderator }));
  });
  app.get('/review/api/queues', (c) =>
    c.json({ queues: reviewQueues.map(({ id, name, count }) => ({ id, name, count })) }),
  );
  app.get('/review/api/queues/:queue/items', (c) => {
    const queue = reviewQueue(c.req.param('queue'));
    if (!queue) return c.json(apiError('not_found', 'Unknown queue', 'queue'), 404);
    const offset = parseCount(c.req.query('offset'), 0);
    const limit = parseCount(c.req.query('limit'), REVIEW_PAGE_SIZE);
    if (offset === null || offset > REVIEW_ITEMS_PER_QUEUE) {
      return c.json(
        apiError('bad_request', `offset must be an integer from 0 to ${REVIEW_ITEMS_PER_QUEUE}`, 'offset'),
        400,
      );
    }
    if (limit === null || limit < 1 || limit > REVIEW_MAX_LIMIT) {
      return c.json(apiError('bad_request', `limit must be an integer from 1 to ${REVIEW_MAX_LIMIT}`, 'limit'), 400);
    }
    return c.json({ items: reviewItems(queue.id, offset, limit), total: REVIEW_ITEMS_PER_QUEUE }, 200, {
      'cache-control': 'no-cache',
    });
  });
  app.all('/review/api/*', (c) => c.json(apiError('not_found', 'No such endpoint', '(root)'), 404));

  registerReachRoutes(app, { seed, queues, user: moderator });

  app.notFound((c) =>
    c.html(
      renderPage(NotFoundPage, { tool: 'home', what: 'Page', backHref: '/', backLabel: 'Back to the tool list' }),
      404,
    ),
  );
  return app;
}

/** `?page=` as a 1-based page number; absent means 1, anything not a positive integer is null. */
function parsePage(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return 1;
  if (!/^\d{1,6}$/.test(raw)) return null;
  const page = Number(raw);
  return page >= 1 ? page : null;
}

/** A query count: absent or empty means `fallback`, anything but a plain non-negative integer is null. */
function parseCount(raw: string | undefined, fallback: number): number | null {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,6}$/.test(raw)) return null;
  return Number(raw);
}

/** An error body shaped like the API's (`ApiErrorBody`), so clients handle both alike. */
function apiError(code: string, message: string, path: string) {
  return { error: { code, message, details: [{ path, message }] } };
}

/** A running demo server. */
export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the demo tools on a port (0 picks a free one; the real port is in `url`).
 * Without a hostname it listens on 127.0.0.1 but reports `localhost`, because
 * site adapters match `http://localhost/...` pages.
 */
export function startDemoServer(options: { port: number; hostname?: string; seed: DemoSeed }): Promise<DemoServer> {
  const app = createDemoApp(options.seed);
  const hostname = options.hostname ?? '127.0.0.1';
  const wildcard = hostname === '0.0.0.0' || hostname === '::';
  const urlHost =
    options.hostname === undefined || wildcard ? 'localhost' : hostname.includes(':') ? `[${hostname}]` : hostname;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({
        url: `http://${urlHost}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            // Keep-alive sockets would hold close() open until they time out.
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
    server.once('error', reject);
  });
}
