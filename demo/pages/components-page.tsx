/** @jsxImportSource hono/jsx */
import { jsx } from 'hono/jsx';
import type { User } from '../../contract';
import type { ReachRow } from '../data/reach-items';
import { JsonScript } from './json-script';
import { Layout } from './layout';
import type { QueueNavEntry } from './queue-page';

/** Props of {@link ComponentsPage}. */
export interface ComponentsPageProps {
  queue: QueueNavEntry;
  queues: readonly QueueNavEntry[];
  rows: readonly ReachRow[];
  /** `closed` builds the same queue behind closed shadow roots, out of any adapter's reach. */
  shadow: 'open' | 'closed';
  user?: User | undefined;
}

/**
 * A queue built from custom elements: `<review-queue>` renders its header and
 * a `<review-list>` in its shadow root, which renders the rows in its own.
 * components.js defines both; the rows come from the JSON data island.
 */
export function ComponentsPage(props: ComponentsPageProps) {
  const { queue, rows, shadow } = props;
  // hono/jsx has no typings for custom element tags: build the host with jsx().
  const host = jsx('review-queue', {
    class: 'qk-host',
    'data-source': 'queue-data',
    'data-queue': queue.id,
    'data-name': queue.name,
    'data-shadow': shadow,
  });
  return (
    <Layout
      title={shadow === 'closed' ? 'Closed components' : `${queue.name} components`}
      tool="components"
      user={props.user}
      links={
        <>
          {props.queues.map((q) => (
            <a href={`/components/queues/${q.id}`}>{q.name}</a>
          ))}
          <a href="/components/closed">Closed shadow roots</a>
        </>
      }
      script="components.js"
    >
      <main class="qk" data-queue={queue.id} data-shadow={shadow}>
        <p class="qk-note">
          {shadow === 'closed'
            ? 'The same queue, built behind closed shadow roots: scripts outside the components cannot see the rows.'
            : `${rows.length} items, rendered inside two levels of open shadow roots.`}
        </p>
        {host}
      </main>
      <JsonScript id="queue-data" value={{ rows }} />
    </Layout>
  );
}
