import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/**
 * Reading and using QA Lens survey cards as a person does. A card keeps its form in a closed shadow
 * root (page script, and so Playwright's locators, cannot open it); the DevTools protocol's DOM
 * domain can, and the mouse and keyboard then act on what it finds, as a person's would.
 */

interface DomNode {
  nodeName: string;
  nodeValue?: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** One survey card on the page. */
export interface SurveyCardView {
  /** The `data-item-id` of the item it sits in. */
  itemKey: string | null;
  /** The node just before the card's host (the item's badge host, `QA-LENS-BADGE`). */
  previous: string | null;
  question: string;
  /** The text of its labels: the answers, then the comment's. */
  labels: string[];
  /** The live region's words (a problem, or the thanks). */
  status: string;
  host: DomNode;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
const session = (page: Page) => {
  let cdp = sessions.get(page);
  if (!cdp) sessions.set(page, (cdp = page.context().newCDPSession(page)));
  return cdp;
};

function attribute(node: DomNode, name: string): string | null {
  const list = node.attributes ?? [];
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1] ?? null;
  return null;
}

const text = (node: DomNode): string =>
  node.nodeName === '#text'
    ? (node.nodeValue ?? '')
    : [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(text).join('');

function find(node: DomNode, test: (n: DomNode) => boolean, found: DomNode[] = []): DomNode[] {
  if (test(node)) found.push(node);
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) find(child, test, found);
  return found;
}

/** Every survey card in the page and its shadow roots, in document order. */
export async function readSurveyCards(page: Page): Promise<SurveyCardView[]> {
  const cdp = await session(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  await cdp.send('DOM.disable');
  const cards: SurveyCardView[] = [];
  const walk = (node: DomNode, itemKey: string | null, siblings: DomNode[]) => {
    const key = attribute(node, 'data-item-id') ?? itemKey;
    if (node.nodeName === 'QA-LENS-SURVEY') {
      const index = siblings.indexOf(node);
      const previous = siblings
        .slice(0, index)
        .filter((s) => s.nodeName !== '#text')
        .at(-1);
      const legend = find(node, (n) => n.nodeName === 'LEGEND')[0];
      cards.push({
        itemKey: key,
        previous: previous?.nodeName ?? null,
        question: legend ? text(legend) : '',
        labels: find(node, (n) => n.nodeName === 'LABEL').map((l) => text(l).trim()),
        status: find(node, (n) => attribute(n, 'role') === 'status')
          .map(text)
          .join(' ')
          .trim(),
        host: node,
      });
      return;
    }
    const children = node.children ?? [];
    for (const child of children) walk(child, key, children);
    for (const shadow of node.shadowRoots ?? []) walk(shadow, key, shadow.children ?? []);
  };
  walk(root, null, []);
  return cards;
}

/** The card on one item, or undefined. */
export async function surveyCardOn(page: Page, itemKey: string): Promise<SurveyCardView | undefined> {
  return (await readSurveyCards(page)).find((card) => card.itemKey === itemKey);
}

async function nodeIn(page: Page, itemKey: string, match: (n: DomNode) => boolean, what: string): Promise<DomNode> {
  const card = await surveyCardOn(page, itemKey);
  const node = card && find(card.host, match)[0];
  if (!node) throw new Error(`no ${what} in the survey card on ${itemKey}`);
  return node;
}

async function clickNode(page: Page, node: DomNode): Promise<void> {
  const cdp = await session(page);
  await cdp.send('DOM.enable');
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as {
    model: { content: number[] };
  };
  await cdp.send('DOM.disable');
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/** Clicks the answer, or the button, whose text is `name` in the item's card, with the mouse. */
export async function clickInCard(page: Page, itemKey: string, name: string): Promise<void> {
  const node = await nodeIn(
    page,
    itemKey,
    (n) => (n.nodeName === 'LABEL' || n.nodeName === 'BUTTON') && text(n).trim() === name,
    `"${name}"`,
  );
  await clickNode(page, node);
}

/** Moves keyboard focus into the item's card: to its answer `name`, or its comment box. */
export async function focusInCard(page: Page, itemKey: string, name: string | 'comment'): Promise<void> {
  const node =
    name === 'comment'
      ? await nodeIn(page, itemKey, (n) => n.nodeName === 'TEXTAREA', 'comment box')
      : find(
          await nodeIn(page, itemKey, (n) => n.nodeName === 'LABEL' && text(n).trim() === name, `"${name}"`),
          (n) => n.nodeName === 'INPUT',
        )[0]!;
  const cdp = await session(page);
  await cdp.send('DOM.enable');
  await cdp.send('DOM.focus', { backendNodeId: node.backendNodeId });
  await cdp.send('DOM.disable');
}

/** The card's shadow content as markup (style and form), for axe outside its closed root. */
export async function surveyCardMarkup(page: Page, itemKey: string): Promise<string> {
  const card = await surveyCardOn(page, itemKey);
  const shadow = card?.host.shadowRoots?.[0];
  if (!shadow) throw new Error(`no survey card on ${itemKey}`);
  const cdp = await session(page);
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
  return parts.join('');
}

/** The URLs of the scripts the page has parsed, its content scripts' included (Debugger domain). */
export async function parsedScripts(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const urls: string[] = [];
  cdp.on('Debugger.scriptParsed', (event) => urls.push(event.url));
  // Enabling the domain reports every script parsed so far.
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.disable');
  await cdp.detach();
  return urls;
}

/** Runs a sync now from an extension page (pushes the outbox, pulls reports, surveys and own answers). */
export async function syncNow(context: BrowserContext, extensionId: string): Promise<unknown> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const reply = await page.evaluate(() => chrome.runtime.sendMessage({ qaLens: 1, type: 'syncReports', data: {} }));
  await page.close();
  return reply;
}

/** The surveys in the extension's IndexedDB, by id, with their status. */
export async function localSurveys(context: BrowserContext, extensionId: string): Promise<Record<string, string>> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const surveys = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('qa-lens');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<{ id: string; status: string }[]>((resolve, reject) => {
      const request = db.transaction('surveys').objectStore('surveys').getAll();
      request.onsuccess = () => resolve(request.result as { id: string; status: string }[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return Object.fromEntries(rows.map((row) => [row.id, row.status]));
  });
  await page.close();
  return surveys;
}
