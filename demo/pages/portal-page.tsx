/** @jsxImportSource hono/jsx */
import type { User } from '../../contract';
import { Layout } from './layout';

/** The tool the portal embeds: the moderation queue, page 2 (24 cards, VID-00025 to VID-00048). */
export const PORTAL_TOOL_SRC = '/moderation/queues/videos?page=2';

/** The inner workspace page that /shell/nested frames, which frames the tool in turn. */
export const PORTAL_WORKSPACE_SRC = '/shell/workspace';

/** Props of {@link PortalPage}. */
export interface PortalPageProps {
  /** What the main area frames. */
  frameSrc: string;
  frameTitle: string;
  /** Which nav entry is current. */
  current: 'tool' | 'nested';
  user?: User | undefined;
}

/**
 * A same-origin portal shell: its own header and nav, and the tool in an
 * iframe that shell.js sizes to the framed document, so the page scrolls
 * as one.
 */
export function PortalPage(props: PortalPageProps) {
  return (
    <Layout
      title="Workspace"
      tool="portal"
      user={props.user}
      links={
        <>
          <a href="/">All tools</a>
          <a href="/moderation/">Trust Console (unframed)</a>
        </>
      }
      nav={<PortalNav current={props.current} />}
      script="shell.js"
      stylesheet="portal.css"
    >
      <main class="portal" data-frame-depth={props.current === 'nested' ? '2' : '1'}>
        <div class="portal__bar">
          <h1 class="portal__title">Content review workspace</h1>
          <span class="portal__hint">Embedded: Trust Console · Videos</span>
        </div>
        <iframe class="portal__frame" src={props.frameSrc} title={props.frameTitle} name="portal-tool"></iframe>
      </main>
    </Layout>
  );
}

/**
 * The middle level of /shell/nested: a framed "case workspace" page that
 * frames the tool itself, as portals that embed dashboards that embed tools do.
 */
export function PortalWorkspacePage(props: { frameSrc: string }) {
  return (
    <Layout title="Case workspace" tool="portal" script="shell.js" stylesheet="portal.css">
      <main class="portal portal--inner" data-frame-depth="inner">
        <div class="portal__bar">
          <h1 class="portal__title">Case workspace</h1>
          <span class="portal__hint">Team: Video safety · Shift B</span>
        </div>
        <iframe
          class="portal__frame"
          src={props.frameSrc}
          title="Trust Console: Videos queue"
          name="workspace-tool"
        ></iframe>
      </main>
    </Layout>
  );
}

function PortalNav({ current }: { current: 'tool' | 'nested' }) {
  const link = (id: 'tool' | 'nested', href: string, label: string) => (
    <li>
      <a
        class={id === current ? 'sidenav__link is-active' : 'sidenav__link'}
        href={href}
        aria-current={id === current ? 'page' : undefined}
      >
        <span>{label}</span>
      </a>
    </li>
  );
  return (
    <>
      <h2 class="sidenav__heading">Workspace</h2>
      <ul class="sidenav__list">
        {link('tool', '/shell/', 'Review queue')}
        {link('nested', '/shell/nested', 'Case workspace')}
      </ul>
      <h2 class="sidenav__heading">Links</h2>
      <ul class="sidenav__list">
        <li>
          <a class="sidenav__link" href="/grid/queues/videos">
            <span>Audit grid</span>
          </a>
        </li>
        <li>
          <a class="sidenav__link" href="/components/queues/videos">
            <span>Queue Kit</span>
          </a>
        </li>
      </ul>
    </>
  );
}
