/** @jsxImportSource hono/jsx */
import type { User } from '../../contract';
import { Layout, type DemoTool } from './layout';

/** Props of {@link NotFoundPage}. */
export interface NotFoundProps {
  tool: DemoTool;
  what: string;
  user?: User | undefined;
  backHref: string;
  backLabel: string;
}

/** A 404 that keeps the tool's chrome, so the user can navigate on. */
export function NotFoundPage(props: NotFoundProps) {
  return (
    <Layout title="Not found" tool={props.tool} user={props.user}>
      <main class="notfound">
        <p class="notfound__code">404</p>
        <h1 class="notfound__title">{props.what} not found</h1>
        <p>
          It may have been removed from the queue, or the link is wrong. <a href={props.backHref}>{props.backLabel}</a>
        </p>
      </main>
    </Layout>
  );
}
