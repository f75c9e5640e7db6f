/** @jsxImportSource hono/jsx */
import { formatDistanceStrict } from 'date-fns';
import type { User } from '../../contract';
import type { ModerationItem, ModerationQueue } from '../data/types';
import { Layout } from './layout';

/** A queue as the left nav lists it. */
export interface QueueNavEntry extends ModerationQueue {
  count: number;
}

/** Props of {@link QueuePage}. */
export interface QueuePageProps {
  queue: QueueNavEntry;
  queues: QueueNavEntry[];
  items: ModerationItem[];
  page: number;
  pageCount: number;
  user?: User | undefined;
  /** "Now" for relative ages; the seed anchor keeps pages reproducible. */
  now: Date;
}

/** Placeholder glyph per queue: no media is loaded, only a tinted box. */
const MEDIA: Record<string, { glyph: string; noun: string }> = {
  videos: { glyph: '▶', noun: 'Video thumbnail' },
  posts: { glyph: '¶', noun: 'Attached image' },
  listings: { glyph: '▣', noun: 'Product photo' },
};

/** One moderation queue page: nav of queues, a pager and 24 item cards. */
export function QueuePage(props: QueuePageProps) {
  const { queue, items, page, pageCount } = props;
  return (
    <Layout
      title={`${queue.name} queue`}
      tool="moderation"
      user={props.user}
      links={
        <>
          <a href="/moderation/">Queues</a>
          <a href="/moderation/policies">Policy handbook</a>
          <a href="/search-eval/">Rater Hub</a>
        </>
      }
      nav={<QueueNav queues={props.queues} current={queue.id} />}
      script="moderation.js"
    >
      <main class="mq" data-queue={queue.id}>
        <div class="mq-toolbar">
          <div class="mq-toolbar__title">
            <h1 class="mq-toolbar__name">{queue.name}</h1>
            <span class="mq-toolbar__count">{queue.count.toLocaleString('en-US')} pending</span>
          </div>
          <ul class="mq-toolbar__policies" aria-label="Policies in this queue">
            {queue.policies.map((policy) => (
              <li class="pill">{policy}</li>
            ))}
          </ul>
          <p class="mq-toolbar__progress" data-progress>
            0 of {items.length} decided on this page
          </p>
        </div>
        <Pager base={`/moderation/queues/${queue.id}`} page={page} pageCount={pageCount} />
        <div class="mq-grid">
          {items.map((item) => (
            <ModerationCard item={item} now={props.now} />
          ))}
        </div>
        <Pager base={`/moderation/queues/${queue.id}`} page={page} pageCount={pageCount} />
      </main>
    </Layout>
  );
}

/** One item card; class names and data attributes are what site adapters read. */
export function ModerationCard({ item, now }: { item: ModerationItem; now: Date }) {
  const media = MEDIA[item.queue] ?? { glyph: '■', noun: 'Media' };
  const created = new Date(item.createdAt);
  return (
    <article class="mq-card" data-item-id={item.id} tabindex={-1}>
      <header class="mq-card__head">
        <span class="mq-card__id">{item.id}</span>
        <h2 class="mq-card__title">{item.title}</h2>
      </header>
      <div
        class={`mq-card__media mq-card__media--${hue(item.id)}`}
        role="img"
        aria-label={`${media.noun}: ${item.title}`}
      >
        <span class="mq-card__glyph" aria-hidden="true">
          {media.glyph}
        </span>
        {item.queue === 'videos' ? <span class="mq-card__duration">{duration(item.id)}</span> : null}
      </div>
      <dl class="mq-card__fields">
        <div>
          <dt>Category</dt>
          <dd class="mq-card__category">{item.category}</dd>
        </div>
        <div>
          <dt>Proposed</dt>
          <dd class="mq-card__label" data-label={item.proposedLabel}>
            {item.proposedLabel}
          </dd>
        </div>
        <div>
          <dt>Policy</dt>
          <dd class="mq-card__policy">{item.policy}</dd>
        </div>
        <div>
          <dt>Flagged</dt>
          <dd class="mq-card__created">
            <time datetime={item.createdAt}>{formatDistanceStrict(created, now)} ago</time>
          </dd>
        </div>
      </dl>
      <div class="mq-card__actions">
        <button type="button" class="btn btn--approve" data-action="approve">
          Approve
        </button>
        <button type="button" class="btn btn--reject" data-action="reject">
          Reject
        </button>
        <span class="mq-card__status" aria-live="polite"></span>
      </div>
    </article>
  );
}

function QueueNav({ queues, current }: { queues: QueueNavEntry[]; current: string }) {
  return (
    <>
      <h2 class="sidenav__heading">Queues</h2>
      <ul class="sidenav__list">
        {queues.map((q) => (
          <li>
            <a
              class={q.id === current ? 'sidenav__link is-active' : 'sidenav__link'}
              href={`/moderation/queues/${q.id}`}
              aria-current={q.id === current ? 'page' : undefined}
            >
              <span>{q.name}</span>
              <span class="sidenav__count">{q.count.toLocaleString('en-US')}</span>
            </a>
          </li>
        ))}
      </ul>
      <h2 class="sidenav__heading">Shift</h2>
      <dl class="sidenav__stats">
        <div>
          <dt>Reviewed today</dt>
          <dd>0</dd>
        </div>
        <div>
          <dt>Target / hour</dt>
          <dd>60</dd>
        </div>
        <div>
          <dt>Guidelines</dt>
          <dd>mod-2026.3</dd>
        </div>
      </dl>
    </>
  );
}

/** Previous / numbered / next links; a window of pages keeps it short for 34 pages. */
export function Pager({ base, page, pageCount }: { base: string; page: number; pageCount: number }) {
  const from = Math.max(1, Math.min(page - 2, pageCount - 4));
  const to = Math.min(pageCount, from + 4);
  const pages: number[] = [];
  for (let n = from; n <= to; n++) pages.push(n);
  const href = (n: number) => `${base}?page=${n}`;
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? (
        <a class="pager__link" rel="prev" href={href(page - 1)}>
          ‹ Prev
        </a>
      ) : (
        <span class="pager__link is-disabled">‹ Prev</span>
      )}
      {from > 1 ? (
        <a class="pager__link" href={href(1)}>
          1
        </a>
      ) : null}
      {from > 2 ? <span class="pager__gap">…</span> : null}
      {pages.map((n) =>
        n === page ? (
          <span class="pager__link is-current" aria-current="page">
            {n}
          </span>
        ) : (
          <a class="pager__link" href={href(n)}>
            {n}
          </a>
        ),
      )}
      {to < pageCount - 1 ? <span class="pager__gap">…</span> : null}
      {to < pageCount ? (
        <a class="pager__link" href={href(pageCount)}>
          {pageCount}
        </a>
      ) : null}
      {page < pageCount ? (
        <a class="pager__link" rel="next" href={href(page + 1)}>
          Next ›
        </a>
      ) : (
        <span class="pager__link is-disabled">Next ›</span>
      )}
      <span class="pager__info">
        Page {page} of {pageCount}
      </span>
    </nav>
  );
}

/** Stable per-item tint (0–5) so the grid is not a wall of identical boxes. */
function hue(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 6;
}

function duration(id: string): string {
  const n = Number(id.replace(/\D/g, '')) || 1;
  return `${(n * 7) % 14}:${String((n * 37) % 60).padStart(2, '0')}`;
}
