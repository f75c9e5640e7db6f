/** @jsxImportSource hono/jsx */
import { COMPONENT_ROWS, GRID_ROWS } from '../data/reach-items';
import { REVIEW_ITEMS_PER_QUEUE, REVIEW_QUEUES } from '../data/review';
import type { DemoSeed } from '../data/types';
import { Layout } from './layout';

/** The landing page: one tile per demo tool. */
export function HomePage({ seed }: { seed: DemoSeed }) {
  const itemCount = seed.moderation.items.length;
  const firstQueue = seed.moderation.queues[0];
  const firstTask = seed.search.tasks[0];
  return (
    <Layout title="Home" tool="home">
      <main class="home">
        <h1 class="home__title">Trust &amp; Safety internal tools</h1>
        <p class="home__lede">
          Demo copies of review tools, with generated data. Decisions and ratings stay in your browser; nothing is sent
          anywhere.
        </p>
        <ul class="home__tiles">
          <li class="tile">
            <a class="tile__link" href={firstQueue ? `/moderation/queues/${firstQueue.id}` : '/moderation/'}>
              <span class="tile__mark tile__mark--moderation" aria-hidden="true">
                TC
              </span>
              <span class="tile__name">Trust Console</span>
              <span class="tile__desc">
                Moderation queues: {seed.moderation.queues.map((q) => q.name).join(', ')} ·{' '}
                {itemCount.toLocaleString('en-US')} items
              </span>
            </a>
          </li>
          <li class="tile">
            <a class="tile__link" href={firstTask ? `/search-eval/tasks/${firstTask.id}` : '/search-eval/'}>
              <span class="tile__mark tile__mark--search" aria-hidden="true">
                RH
              </span>
              <span class="tile__name">Rater Hub</span>
              <span class="tile__desc">Search quality rating · {seed.search.tasks.length} tasks, 10 results each</span>
            </a>
          </li>
          <li class="tile">
            <a class="tile__link" href={`/review/queues/${REVIEW_QUEUES[0]!.id}`}>
              <span class="tile__mark tile__mark--review" aria-hidden="true">
                RV
              </span>
              <span class="tile__name">Review Hub</span>
              <span class="tile__desc">
                Single-page review app: {REVIEW_QUEUES.map((q) => q.name).join(', ')} ·{' '}
                {REVIEW_ITEMS_PER_QUEUE.toLocaleString('en-US')} items each, infinite scroll
              </span>
            </a>
          </li>
          <li class="tile">
            <a class="tile__link" href={firstQueue ? `/grid/queues/${firstQueue.id}` : '/grid/'}>
              <span class="tile__mark tile__mark--grid" aria-hidden="true">
                CG
              </span>
              <span class="tile__name">Case Grid</span>
              <span class="tile__desc">
                A data grid like AG Grid: {GRID_ROWS} rows per queue, virtualised, sortable, clipped cells
              </span>
            </a>
          </li>
          <li class="tile">
            <a class="tile__link" href="/shell/">
              <span class="tile__mark tile__mark--portal" aria-hidden="true">
                OP
              </span>
              <span class="tile__name">Ops Portal</span>
              <span class="tile__desc">Trust Console inside a same-origin iframe, and two frames deep</span>
            </a>
          </li>
          <li class="tile">
            <a class="tile__link" href={firstQueue ? `/components/queues/${firstQueue.id}` : '/components/'}>
              <span class="tile__mark tile__mark--components" aria-hidden="true">
                QK
              </span>
              <span class="tile__name">Queue Kit</span>
              <span class="tile__desc">
                Rows inside two open shadow roots ({COMPONENT_ROWS} audited items); a closed variant too
              </span>
            </a>
          </li>
        </ul>
      </main>
    </Layout>
  );
}
