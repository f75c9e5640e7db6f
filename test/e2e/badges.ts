import { expect, type CDPSession, type Page } from '@playwright/test';

/**
 * Reading QA Lens badges as a person's browser shows them. Badges keep their
 * data in closed shadow roots, which page script (and so Playwright's
 * locators) cannot open; the DevTools protocol's DOM domain can, through
 * shadow roots and same-process frames alike.
 */

/** One badge on the page, with the item it belongs to. */
export interface BadgeView {
  /** The key attribute of the nearest ancestor that has one of KEY_ATTRIBUTES. */
  key: string | null;
  label: string | null;
  state: string | null;
  verdict: string | null;
  /** The button's node, for clicking. */
  backendNodeId: number;
}

/** Item key attributes of the demo tools (moderation, search, Review Hub, Case Grid, Queue Kit). */
const KEY_ATTRIBUTES = ['data-item-id', 'data-result-id', 'data-key', 'row-id', 'data-case-id'];

interface DomNode {
  nodeName: string;
  nodeValue?: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function session(page: Page): Promise<CDPSession> {
  let cdp = sessions.get(page);
  if (!cdp) sessions.set(page, (cdp = page.context().newCDPSession(page)));
  return cdp;
}

function attribute(node: DomNode, name: string): string | null {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1] ?? null;
  return null;
}

function findButton(node: DomNode): DomNode | null {
  if (node.nodeName === 'BUTTON') return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findButton(child);
    if (found) return found;
  }
  return null;
}

/** Every QA Lens badge in the page, its frames and its shadow roots, in document order. */
export async function readBadges(page: Page): Promise<BadgeView[]> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  // An enabled DOM agent instruments every later DOM change in the page (benchmarks would count it).
  await cdp.send('DOM.disable');
  const badges: BadgeView[] = [];
  const walk = (node: DomNode, key: string | null) => {
    const own = KEY_ATTRIBUTES.map((name) => attribute(node, name)).find((value) => value !== null);
    const itemKey = own ?? key;
    if (node.nodeName === 'QA-LENS-BADGE') {
      const button = (node.shadowRoots ?? []).map(findButton).find((b) => b !== null);
      if (button) {
        badges.push({
          key: itemKey,
          label: attribute(button, 'aria-label'),
          state: attribute(button, 'data-state'),
          verdict: attribute(button, 'data-verdict'),
          backendNodeId: button.backendNodeId,
        });
      }
      return;
    }
    for (const child of node.children ?? []) walk(child, itemKey);
    for (const shadow of node.shadowRoots ?? []) walk(shadow, itemKey);
    if (node.contentDocument) walk(node.contentDocument, null);
  };
  walk(root, null);
  return badges;
}

/** The badges of one item. */
export async function badgesOf(page: Page, key: string): Promise<BadgeView[]> {
  return (await readBadges(page)).filter((badge) => badge.key === key);
}

/** Waits until the item's one badge has a label matching `pattern`. */
export async function expectBadgeLabel(page: Page, key: string, pattern: RegExp | string, timeout = 15_000) {
  await expect
    .poll(async () => (await badgesOf(page, key)).map((badge) => badge.label), { timeout, message: `badge of ${key}` })
    .toEqual([expect.stringMatching(pattern)]);
}

/** Waits until exactly `count` badges are in `state` (all badges when state is omitted). */
export async function expectBadgeCount(page: Page, count: number, state?: string, timeout = 15_000) {
  await expect
    .poll(async () => (await readBadges(page)).filter((badge) => !state || badge.state === state).length, {
      timeout,
      message: `badges${state ? ` in state ${state}` : ''}`,
    })
    .toBe(count);
}

/** The centre of an item's badge in page coordinates, scrolled into view. */
async function badgeCenter(page: Page, key: string): Promise<{ x: number; y: number }> {
  const [badge] = await badgesOf(page, key);
  if (!badge) throw new Error(`no badge for ${key}`);
  const cdp = await session(page);
  await cdp.send('DOM.enable');
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: badge.backendNodeId });
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: badge.backendNodeId })) as {
    model: { content: number[] };
  };
  await cdp.send('DOM.disable');
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
}

/** Clicks an item's badge with the mouse, as a person does (the badge ignores scripted clicks). */
export async function clickBadge(page: Page, key: string): Promise<void> {
  const { x, y } = await badgeCenter(page, key);
  await page.mouse.click(x, y);
}

/** Rests the mouse on an item's badge, as a person does to see its hover card. */
export async function hoverBadge(page: Page, key: string): Promise<void> {
  const { x, y } = await badgeCenter(page, key);
  await page.mouse.move(x, y);
}

/**
 * A QA Lens element in the top layer (a popover), in the page or its shadow roots, told apart by
 * the class of what its shadow root holds: `card` (the hover card) or `selection` (the selection's
 * report button).
 */
function popoverHost(node: DomNode, kind: 'card' | 'selection'): DomNode | undefined {
  if (node.nodeName === 'QA-LENS-BADGE' && attribute(node, 'popover') !== null) {
    const inside = node.shadowRoots?.[0]?.children ?? [];
    if (inside.some((child) => attribute(child, 'class') === kind)) return node;
  }
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = popoverHost(child, kind);
    if (found) return found;
  }
  return undefined;
}

const hoverCardHost = (node: DomNode) => popoverHost(node, 'card');

/** Moves keyboard focus to an item's badge, as Tab would (its hover card opens on focus). */
export async function focusBadge(page: Page, key: string): Promise<void> {
  const [badge] = await badgesOf(page, key);
  if (!badge) throw new Error(`no badge for ${key}`);
  const cdp = await session(page);
  await cdp.send('DOM.enable');
  await cdp.send('DOM.focus', { backendNodeId: badge.backendNodeId });
  await cdp.send('DOM.disable');
}

/** The hover card's shadow content as markup (its style and card), for checking it outside its closed root. */
export async function hoverCardMarkup(page: Page): Promise<string | null> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const shadow = hoverCardHost(root)?.shadowRoots?.[0];
  if (!shadow) return null;
  const parts: string[] = [];
  for (const child of shadow.children ?? []) {
    const reply = (await cdp.send('DOM.getOuterHTML', { backendNodeId: child.backendNodeId })) as Record<
      string,
      string
    >;
    // The DevTools protocol's field: markup read from the page for axe, not HTML built from data.
    // eslint-disable-next-line no-restricted-properties
    parts.push(reply['outerHTML'] ?? '');
  }
  await cdp.send('DOM.disable');
  return parts.join('');
}

/** Clicks the button inside the hover card with the mouse ("Report an SOP gap"). */
export async function clickHoverCardButton(page: Page): Promise<void> {
  await clickPopoverButton(page, 'card');
}

/** Clicks the "Report an SOP gap about this text" button beside the page's selection, once it shows. */
export async function clickSelectionButton(page: Page): Promise<void> {
  await expect
    .poll(() =>
      clickPopoverButton(page, 'selection').then(
        () => true,
        () => false,
      ),
    )
    .toBe(true);
}

async function clickPopoverButton(page: Page, kind: 'card' | 'selection'): Promise<void> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const host = popoverHost(root, kind);
  const button = host ? findButton(host) : null;
  if (!button) throw new Error(`no button in the ${kind} popover`);
  await cdp.send('DOM.enable');
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as {
    model: { content: number[] };
  };
  await cdp.send('DOM.disable');
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.move((x1 + x3) / 2, (y1 + y3) / 2, { steps: 4 });
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/** Whether the hover card is shown: a closed popover has no box. */
export async function hoverCardShown(page: Page): Promise<boolean> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const host = hoverCardHost(root);
  const shown = host
    ? await cdp.send('DOM.getBoxModel', { backendNodeId: host.backendNodeId }).then(
        () => true,
        () => false,
      )
    : false;
  await cdp.send('DOM.disable');
  return shown;
}

/** What the hover card says: every line, and the events among them. */
export interface HoverCardView {
  lines: string[];
  events: string[];
}

/** The hover card (the top-layer QA Lens element with a closed shadow root), or null when there is none. */
export async function readHoverCard(page: Page): Promise<HoverCardView | null> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  await cdp.send('DOM.disable');
  const card = hoverCardHost(root);
  if (!card) return null;
  const view: HoverCardView = { lines: [], events: [] };
  const text = (node: DomNode): string =>
    node.nodeName === '#text' ? (node.nodeValue ?? '') : (node.children ?? []).map(text).join('');
  const walk = (node: DomNode) => {
    if (node.nodeName === 'P' || node.nodeName === 'LI') {
      view.lines.push(text(node));
      if (node.nodeName === 'LI') view.events.push(text(node));
      return;
    }
    if (node.nodeName === 'STYLE') return;
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
  };
  walk(card);
  return view;
}

/** Waits until the item has exactly one badge, in `state` (a summary by default). */
export async function expectBadgeState(page: Page, key: string, state = 'summary', timeout = 15_000) {
  await expect
    .poll(async () => (await badgesOf(page, key)).map((badge) => badge.state), { timeout, message: `badge of ${key}` })
    .toEqual([state]);
}
