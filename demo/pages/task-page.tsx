/** @jsxImportSource hono/jsx */
import type { User } from '../../contract';
import { RATING_LABELS } from '../data/search-catalog';
import type { SearchResult, SearchTask } from '../data/types';
import { Layout } from './layout';

/** Display names of the rating scale, lowest first. */
export const RATING_NAMES: Record<(typeof RATING_LABELS)[number], string> = {
  fails_to_meet: 'Fails to meet',
  slightly_meets: 'Slightly meets',
  moderately_meets: 'Moderately meets',
  highly_meets: 'Highly meets',
  fully_meets: 'Fully meets',
};

/** Props of {@link TaskPage}. */
export interface TaskPageProps {
  task: SearchTask;
  index: number;
  total: number;
  prevId: string | null;
  nextId: string | null;
  user?: User | undefined;
}

/** One rating task: the query, ten results each with a Needs Met scale, and task navigation. */
export function TaskPage(props: TaskPageProps) {
  const { task } = props;
  return (
    <Layout
      title={`Task ${task.id}`}
      tool="search"
      user={props.user}
      links={
        <>
          <a href="/search-eval/">Tasks</a>
          <a href="/search-eval/guidelines" class="topbar__guidelines">
            Guidelines
          </a>
          <a href="/moderation/">Trust Console</a>
        </>
      }
      script="search-eval.js"
    >
      <div class="se-layout">
        <main class="se-task" data-task-id={task.id}>
          <div class="se-taskbar">
            <span class="se-taskbar__id">{task.id}</span>
            <span class="pill">{task.queue}</span>
            <span class="pill">{task.locale}</span>
            <span class="se-taskbar__pos">
              Task {props.index + 1} of {props.total}
            </span>
            <TaskNav prevId={props.prevId} nextId={props.nextId} />
          </div>
          <section class="se-querybox" aria-label="Query">
            <p class="se-querybox__label">Query</p>
            <h1 class="se-query">{task.query}</h1>
            <p class="se-querybox__hint">
              Rate how well each result meets the needs of a user who typed this query in {task.locale}. See{' '}
              <a href="/search-eval/guidelines#needs-met">Needs Met, section 2</a>.
            </p>
          </section>
          <ol class="se-results">
            {task.results.map((result) => (
              <ResultRow result={result} />
            ))}
          </ol>
          <div class="se-submit">
            <p class="se-submit__progress" data-progress>
              0 of {task.results.length} rated
            </p>
            <button type="button" class="btn btn--primary" data-action="submit-task">
              Submit task
            </button>
            <TaskNav prevId={props.prevId} nextId={props.nextId} />
          </div>
        </main>
        <ScaleReference />
      </div>
    </Layout>
  );
}

/** One result with its rating scale; class names and data attributes are what site adapters read. */
export function ResultRow({ result }: { result: SearchResult }) {
  const name = `rating-${result.id}`;
  return (
    <li class="se-result" data-result-id={result.id} data-position={String(result.position)}>
      <span class="se-result__pos" aria-hidden="true">
        {result.position}
      </span>
      <div class="se-result__body">
        <div class="se-result__head">
          <a class="se-result__title" href={result.url} target="_blank" rel="noopener noreferrer">
            {result.title}
          </a>
        </div>
        <cite class="se-result__url">{result.url}</cite>
        <p class="se-result__snippet">{result.snippet}</p>
        <fieldset class="se-rating">
          <legend class="se-rating__legend">Needs Met · result {result.position}</legend>
          {RATING_LABELS.map((label) => {
            const id = `${result.id}-${label}`;
            return (
              <label class={`se-rating__option se-rating__option--${label}`} for={id}>
                <input type="radio" id={id} name={name} value={label} />
                <span>{RATING_NAMES[label]}</span>
              </label>
            );
          })}
        </fieldset>
      </div>
    </li>
  );
}

function TaskNav({ prevId, nextId }: { prevId: string | null; nextId: string | null }) {
  return (
    <nav class="se-tasknav" aria-label="Tasks">
      {prevId ? (
        <a class="btn btn--ghost" rel="prev" href={`/search-eval/tasks/${prevId}`}>
          ‹ {prevId}
        </a>
      ) : (
        <span class="btn btn--ghost is-disabled">‹ Prev</span>
      )}
      {nextId ? (
        <a class="btn btn--ghost" rel="next" href={`/search-eval/tasks/${nextId}`}>
          {nextId} ›
        </a>
      ) : (
        <span class="btn btn--ghost is-disabled">Next ›</span>
      )}
    </nav>
  );
}

const SCALE_HELP: Record<(typeof RATING_LABELS)[number], string> = {
  fully_meets: 'Only for specific queries with one clear answer; nearly all users fully satisfied.',
  highly_meets: 'Very helpful for many or most users; little need to look further.',
  moderately_meets: 'Helpful for many users, or very helpful for some.',
  slightly_meets: 'Helpful for few users; weak match, stale or low quality.',
  fails_to_meet: 'Off-topic, wrong location, unhelpful or spam. Users would be dissatisfied.',
};

function ScaleReference() {
  return (
    <aside class="se-scale" aria-label="Rating scale reference">
      <h2 class="se-scale__title">Needs Met scale</h2>
      <dl>
        {[...RATING_LABELS].reverse().map((label) => (
          <div class={`se-scale__row se-scale__row--${label}`}>
            <dt>{RATING_NAMES[label]}</dt>
            <dd>{SCALE_HELP[label]}</dd>
          </div>
        ))}
      </dl>
      <p class="se-scale__foot">
        Guidelines version search-2026.2 · <a href="/search-eval/guidelines">Open guidelines</a>
      </p>
      <p class="se-scale__keys">
        Keys: <kbd>1</kbd>–<kbd>5</kbd> rate the focused result
      </p>
    </aside>
  );
}
