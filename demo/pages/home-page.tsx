/** @jsxImportSource hono/jsx */
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
          Demo copies of three review tools, with generated data. Decisions and ratings stay in your browser; nothing is
          sent anywhere.
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
        </ul>
      </main>
    </Layout>
  );
}
