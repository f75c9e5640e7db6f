/**
 * Page objects for Firefox over Marionette: the extension's options page, a
 * demo queue page with QA Lens badges, and the item panel window. They drive
 * the real UI (trusted clicks and key presses) and read it back with scripts.
 */
import type { ElementRef, Marionette } from './marionette';
import { GiveUp, until } from './steps';

/** An XPath string literal for any text (XPath 1.0 has no escapes). */
function xpathLiteral(text: string): string {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return `concat(${text
    .split("'")
    .map((part) => `'${part}'`)
    .join(`, "'", `)})`;
}

/** The text of the element with a `data-testid`, or null when it is not there. */
function byTestId(marionette: Marionette, testId: string): Promise<string | null> {
  return marionette.execute<string | null>(
    'const el = document.querySelector(`[data-testid="${arguments[0]}"]`); return el ? el.textContent : null;',
    [testId],
  );
}

/** Waits until the element with `testId` contains `expected`; resolves with its full text. */
function waitForTestIdText(marionette: Marionette, testId: string, expected: string): Promise<string> {
  return until(`[data-testid=${testId}] to contain "${expected}"`, async (note) => {
    const text = await byTestId(marionette, testId);
    note(text === null ? `no [data-testid=${testId}] on ${await marionette.currentUrl()}` : `"${text}"`);
    return text?.includes(expected) ? text : undefined;
  });
}

/** Waits for an element and returns it. */
function waitForElement(marionette: Marionette, description: string, xpath: string): Promise<ElementRef> {
  return until(description, () => marionette.findElement({ using: 'xpath', value: xpath }));
}

/** The extension's options page (`options.html`). */
export class OptionsPage {
  constructor(
    private readonly marionette: Marionette,
    private readonly extensionOrigin: string,
  ) {}

  /** The page's URL under the add-on's fixed origin. */
  get url(): string {
    return `${this.extensionOrigin}/options.html`;
  }

  /** Loads the options page in the current tab and waits for its form. */
  async open(): Promise<this> {
    await this.marionette.navigate(this.url);
    await until(`the options page at ${this.url}`, async (note) => {
      const url = await this.marionette.currentUrl();
      note(url);
      return url === this.url ? true : undefined;
    });
    await this.apiUrlField();
    return this;
  }

  private apiUrlField(): Promise<ElementRef> {
    return waitForElement(
      this.marionette,
      'the field labelled "API URL"',
      "//input[@id = //label[normalize-space() = 'API URL']/@for]",
    );
  }

  /** Types the API URL, clicks Connect and waits until the page says it is connected. */
  async connect(apiUrl: string): Promise<string> {
    await this.marionette.type(await this.apiUrlField(), apiUrl);
    const connectButton = await waitForElement(
      this.marionette,
      'the Connect button',
      "//button[normalize-space() = 'Connect']",
    );
    // The page checks its saved URL on open: that answer must not be taken for this click's.
    const before = await byTestId(this.marionette, 'connection-status');
    await this.marionette.click(connectButton);
    const expected = 'Connected to QA Lens API';
    let checking = false;
    return until(`[data-testid=connection-status] to contain "${expected}"`, async (note) => {
      const text = await byTestId(this.marionette, 'connection-status');
      note(text === null ? 'no [data-testid=connection-status]' : `"${text}"`);
      if (text?.includes(expected)) return text;
      if (text === 'Connecting…') checking = true;
      // An error after this click's own check began is its answer: waiting longer cannot change it.
      else if (text && (checking || text !== before)) throw new GiveUp(`the options page answered "${text}"`);
      return undefined;
    });
  }

  /** Clicks "Sign in as <name>" (offered by a demo-mode API) and waits for the signed-in line. */
  async signInAsDemoUser(name: string): Promise<string> {
    const button = await waitForElement(
      this.marionette,
      `the "Sign in as ${name}" button`,
      `//button[starts-with(normalize-space(), ${xpathLiteral(`Sign in as ${name}`)})]`,
    );
    await this.marionette.click(button);
    return waitForTestIdText(this.marionette, 'signed-in-as', name);
  }
}

/** One card on a demo queue page and the badge QA Lens drew in it. */
export interface CardBadge {
  itemId: string;
  /** How many `qa-lens-badge` hosts the card holds (one is right). */
  badges: number;
  /** The badge button's aria-label, or null when there is no badge yet. */
  label: string | null;
}

/** A demo moderation queue page (`/moderation/queues/<queue>`). */
export class QueuePage {
  constructor(private readonly marionette: Marionette) {}

  /** Loads a queue page. */
  async open(url: string): Promise<this> {
    await this.marionette.navigate(url);
    return this;
  }

  /**
   * Every card with its badge. The badge's shadow root is closed: page script
   * cannot read it, WebDriver can (as DevTools can in Chromium).
   */
  async cards(): Promise<CardBadge[]> {
    const cards = await this.marionette.findElements({ using: 'css selector', value: 'article.mq-card' });
    const out: CardBadge[] = [];
    for (const card of cards) {
      const hosts = await this.marionette.findElementsIn(card, { using: 'css selector', value: 'qa-lens-badge' });
      const button = hosts[0] ? await this.buttonOf(hosts[0]) : null;
      out.push({
        itemId: (await this.marionette.attribute(card, 'data-item-id')) ?? '',
        badges: hosts.length,
        label: button ? await this.marionette.attribute(button, 'aria-label') : null,
      });
    }
    return out;
  }

  /** How many badges the whole document holds. */
  badgeCount(): Promise<number> {
    return this.marionette.execute<number>("return document.querySelectorAll('qa-lens-badge').length;");
  }

  /** The button inside the badge of one card, as an element WebDriver can click. */
  badgeButton(itemId: string): Promise<ElementRef> {
    return until(`the badge button of item ${itemId}`, async () => {
      const [host] = await this.marionette.findElements({
        using: 'css selector',
        value: `article.mq-card[data-item-id="${itemId}"] qa-lens-badge`,
      });
      return (host && (await this.buttonOf(host))) ?? undefined;
    });
  }

  private async buttonOf(host: ElementRef): Promise<ElementRef | null> {
    const root = await this.marionette.shadowRoot(host);
    const [button] = await this.marionette.findElementsInShadowRoot(root, { using: 'css selector', value: 'button' });
    return button ?? null;
  }
}

/** What the item panel shows. */
export interface PanelContent {
  itemKey: string | null;
  audits: string | null;
  incorrect: string | null;
  overturns: string | null;
  /** Each listed event's time, as the `datetime` of its first `<time>`, in the order shown. */
  eventTimes: (string | null)[];
  /** The first event's relative time ("3 days ago"). */
  firstEventTime: string | null;
  /** The line saying only the newest events are listed, when it is shown. */
  partialNote: string | null;
  /** A status or alert line, when the panel shows one instead of the history. */
  status: string | null;
}

/** The item panel window (`item-panel.html?site=…&item=…`) the extension opens from a badge. */
export class ItemPanel {
  constructor(private readonly marionette: Marionette) {}

  /** Reads the panel's summary and event list as they are now. */
  content(): Promise<PanelContent> {
    return this.marionette.execute<PanelContent>(`
      const text = (id) => { const el = document.querySelector('[data-testid="' + id + '"]'); return el ? el.textContent : null; };
      const times = [...document.querySelectorAll('[data-testid="event"]')].map((event) => event.querySelector('time'));
      const note = [...document.querySelectorAll('p, span')].find((el) => /^Showing the newest/.test(el.textContent));
      const status = document.querySelector('[role="status"], [role="alert"]');
      return {
        itemKey: text('item-key'), audits: text('audits'), incorrect: text('incorrect'), overturns: text('overturns'),
        eventTimes: times.map((time) => (time ? time.getAttribute('datetime') : null)),
        firstEventTime: times[0] ? times[0].textContent : null,
        partialNote: note ? note.textContent : null,
        status: status ? status.textContent : null,
      };`);
  }
}
