import type { Hono } from 'hono';
import type { User } from '../contract';
import { COMPONENT_ROWS, GRID_ROWS, firstItems, itemsWithEvents, toReachRow } from './data/reach-items';
import type { DemoSeed } from './data/types';
import { ComponentsPage } from './pages/components-page';
import { GridPage } from './pages/grid-page';
import { NotFoundPage } from './pages/not-found-page';
import { PORTAL_TOOL_SRC, PORTAL_WORKSPACE_SRC, PortalPage, PortalWorkspacePage } from './pages/portal-page';
import type { QueueNavEntry } from './pages/queue-page';
import { renderPage } from './render';

/** Where the closed-shadow-root variant takes its rows from. */
const CLOSED_QUEUE = 'videos';

/**
 * The pages of issue 7 ("the overlay at full reach"): structures real tools
 * have that a plain list does not. A virtualised data grid (/grid/), a tool
 * inside same-origin frames (/shell/) and rows inside shadow roots (/components/).
 */
export function registerReachRoutes(
  app: Hono,
  options: { seed: DemoSeed; queues: readonly QueueNavEntry[]; user: User | undefined },
): void {
  const { seed, queues, user } = options;
  const notFound = (what: string, tool: 'grid' | 'components', backHref: string) =>
    renderPage(NotFoundPage, { tool, what, user, backHref, backLabel: 'Back to the first queue' });
  const first = queues[0]?.id ?? 'videos';
  // Rows are fixed by the seed: pick them once, not on every request.
  const gridRows = new Map(queues.map((q) => [q.id, firstItems(seed, q.id, GRID_ROWS).map(toReachRow)]));
  const componentRows = new Map(queues.map((q) => [q.id, itemsWithEvents(seed, q.id, COMPONENT_ROWS).map(toReachRow)]));

  app.get('/grid', (c) => c.redirect('/grid/'));
  app.get('/grid/', (c) => c.redirect(`/grid/queues/${first}`));
  app.get('/grid/queues/:queue', (c) => {
    const queue = queues.find((q) => q.id === c.req.param('queue'));
    if (!queue) return c.html(notFound('Queue', 'grid', '/grid/'), 404);
    return c.html(renderPage(GridPage, { queue, queues, rows: gridRows.get(queue.id) ?? [], user }));
  });

  app.get('/shell', (c) => c.redirect('/shell/'));
  app.get('/shell/', (c) =>
    c.html(
      renderPage(PortalPage, {
        frameSrc: PORTAL_TOOL_SRC,
        frameTitle: 'Trust Console: Videos queue',
        current: 'tool',
        user,
      }),
    ),
  );
  app.get('/shell/nested', (c) =>
    c.html(
      renderPage(PortalPage, { frameSrc: PORTAL_WORKSPACE_SRC, frameTitle: 'Case workspace', current: 'nested', user }),
    ),
  );
  app.get(PORTAL_WORKSPACE_SRC, (c) => c.html(renderPage(PortalWorkspacePage, { frameSrc: PORTAL_TOOL_SRC })));

  app.get('/components', (c) => c.redirect('/components/'));
  app.get('/components/', (c) => c.redirect(`/components/queues/${first}`));
  app.get('/components/queues/:queue', (c) => {
    const queue = queues.find((q) => q.id === c.req.param('queue'));
    if (!queue) return c.html(notFound('Queue', 'components', '/components/'), 404);
    const rows = componentRows.get(queue.id) ?? [];
    return c.html(renderPage(ComponentsPage, { queue, queues, rows, shadow: 'open', user }));
  });
  app.get('/components/closed', (c) => {
    const queue = queues.find((q) => q.id === CLOSED_QUEUE) ?? queues[0];
    if (!queue) return c.html(notFound('Queue', 'components', '/'), 404);
    const rows = componentRows.get(queue.id) ?? [];
    return c.html(renderPage(ComponentsPage, { queue, queues, rows, shadow: 'closed', user }));
  });
}
