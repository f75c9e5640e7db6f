/** @jsxImportSource hono/jsx */
import type { User } from '../../contract';
import { REVIEW_ITEMS_PER_QUEUE, REVIEW_PAGE_SIZE, type ReviewQueue } from '../data/review';
import { Layout } from './layout';

/** A queue as the Review Hub nav lists it. */
export interface ReviewNavEntry extends ReviewQueue {
  count: number;
}

/** Props of {@link ReviewPage}. */
export interface ReviewPageProps {
  queue: ReviewNavEntry;
  queues: readonly ReviewNavEntry[];
  user?: User | undefined;
}

/**
 * The Review Hub shell: chrome, queue nav and an empty list. Items come from
 * the JSON API and are built by review-app.js, which also handles navigation
 * between queues without reloading this page.
 */
export function ReviewPage(props: ReviewPageProps) {
  const { queue } = props;
  const total = queue.count.toLocaleString('en-US');
  return (
    <Layout
      title={`${queue.name} queue`}
      tool="review"
      user={props.user}
      links={
        <>
          <a href="/review/">Queues</a>
          <a href="/moderation/">Trust Console</a>
          <a href="/search-eval/">Rater Hub</a>
        </>
      }
      nav={<ReviewNav queues={props.queues} current={queue.id} />}
      script="review-app.js"
      stylesheet="review.css"
    >
      <main class="rv" data-queue={queue.id} data-total={String(queue.count)} data-page-size={String(REVIEW_PAGE_SIZE)}>
        <div class="rv-toolbar">
          <h1 class="rv-toolbar__name">{queue.name}</h1>
          <span class="rv-toolbar__count">{total} pending</span>
          <p class="rv-status" role="status" aria-live="polite">
            Showing 0 of {total}
          </p>
        </div>
        <div class="rv-head" aria-hidden="true">
          <span>Item</span>
          <span>Category</span>
          <span>Proposed</span>
          <span>Policy</span>
          <span>Author</span>
          <span class="rv-head__actions">Decision</span>
        </div>
        <ul class="rv-list" aria-label={`${queue.name} items`}></ul>
        <div class="rv-sentinel" aria-hidden="true"></div>
        <noscript>
          <p class="rv-noscript">Review Hub needs JavaScript: items are loaded as you scroll.</p>
        </noscript>
      </main>
    </Layout>
  );
}

function ReviewNav({ queues, current }: { queues: readonly ReviewNavEntry[]; current: string }) {
  return (
    <>
      <h2 class="sidenav__heading">Queues</h2>
      <ul class="sidenav__list">
        {queues.map((q) => (
          <li>
            <a
              class={q.id === current ? 'sidenav__link is-active' : 'sidenav__link'}
              href={`/review/queues/${q.id}`}
              data-queue={q.id}
              aria-current={q.id === current ? 'page' : undefined}
            >
              <span class="sidenav__name">{q.name}</span>
              <span class="sidenav__count">{q.count.toLocaleString('en-US')}</span>
            </a>
          </li>
        ))}
      </ul>
      <h2 class="sidenav__heading">Shift</h2>
      <dl class="sidenav__stats">
        <div>
          <dt>Claimed</dt>
          <dd data-claimed>0</dd>
        </div>
        <div>
          <dt>Decided</dt>
          <dd data-decided>0</dd>
        </div>
        <div>
          <dt>Per queue</dt>
          <dd>{REVIEW_ITEMS_PER_QUEUE.toLocaleString('en-US')}</dd>
        </div>
      </dl>
    </>
  );
}
