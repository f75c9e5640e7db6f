/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { User } from '../../contract';

/** Which demo tool a page belongs to; picks the top-bar brand and accent colour. */
export type DemoTool = 'home' | 'moderation' | 'search' | 'review' | 'grid' | 'portal' | 'components';

const BRANDS: Record<DemoTool, { name: string; mark: string; sub: string; href: string }> = {
  home: { name: 'Internal tools', mark: 'IT', sub: 'Trust & Safety', href: '/' },
  moderation: { name: 'Trust Console', mark: 'TC', sub: 'Content review', href: '/moderation/' },
  search: { name: 'Rater Hub', mark: 'RH', sub: 'Search quality', href: '/search-eval/' },
  review: { name: 'Review Hub', mark: 'RV', sub: 'Review queues', href: '/review/' },
  grid: { name: 'Case Grid', mark: 'CG', sub: 'Data grid', href: '/grid/' },
  portal: { name: 'Ops Portal', mark: 'OP', sub: 'Embedded tools', href: '/shell/' },
  components: { name: 'Queue Kit', mark: 'QK', sub: 'Web components', href: '/components/' },
};

/** Props of {@link Layout}. */
export interface LayoutProps {
  title: string;
  tool: DemoTool;
  user?: User | undefined;
  /** Extra top-bar links, right of the brand. */
  links?: Child;
  /** Left navigation column; the page is single-column without it. */
  nav?: Child;
  /** Script under /assets/ to load at the end of the body. */
  script?: string;
  /** Extra stylesheet under /assets/, after demo.css. */
  stylesheet?: string;
  children?: Child;
}

/** The page shell every demo page shares: top bar, optional nav, content. */
export function Layout(props: LayoutProps) {
  const brand = BRANDS[props.tool];
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${brand.name}`}</title>
          <link rel="stylesheet" href="/assets/demo.css" />
          {props.stylesheet ? <link rel="stylesheet" href={`/assets/${props.stylesheet}`} /> : null}
        </head>
        <body class={`tool tool--${props.tool}`}>
          <header class="topbar">
            <a class="topbar__brand" href={brand.href}>
              <span class="topbar__mark" aria-hidden="true">
                {brand.mark}
              </span>
              <span class="topbar__name">{brand.name}</span>
              <span class="topbar__sub">{brand.sub}</span>
            </a>
            <span class="topbar__env" title="Demo environment: nothing you do here is saved">
              DEMO
            </span>
            <nav class="topbar__links" aria-label="Tool links">
              {props.links}
            </nav>
            {props.user ? <UserChip user={props.user} /> : null}
          </header>
          <div class={props.nav ? 'shell shell--nav' : 'shell'}>
            {props.nav ? <aside class="sidenav">{props.nav}</aside> : null}
            <div class="shell__content">{props.children}</div>
          </div>
          <div class="toast" role="status" aria-live="polite" hidden></div>
          {props.script ? <script src={`/assets/${props.script}`} defer></script> : null}
        </body>
      </html>
    </>
  );
}

function UserChip({ user }: { user: User }) {
  const initials = user.name
    .split(' ')
    .map((part) => part.charAt(0))
    .join('')
    .slice(0, 2);
  return (
    <div class="userchip" title={`Signed in as ${user.id}`}>
      <span class="userchip__avatar" aria-hidden="true">
        {initials}
      </span>
      <span class="userchip__text">
        <span class="userchip__name">{user.name}</span>
        <span class="userchip__role">{user.roles.join(', ')}</span>
      </span>
    </div>
  );
}
