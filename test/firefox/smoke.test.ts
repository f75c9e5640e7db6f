/**
 * QA Lens in real Firefox ESR: the built MV2 extension, installed as a
 * temporary add-on and driven over Marionette against the seeded demo stack.
 * The steps build on each other (sign in, then badges, then the panel), so a
 * step whose predecessor failed is skipped rather than failing for the same reason.
 */
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { startDemoStack, type DemoStack } from '../../scripts/stack';
import { badgeLabelPattern, expectedSummaries, type Expected } from '../support/expected';
import { launchFirefox, type FirefoxSession } from './firefox';
import { ItemPanel, OptionsPage, QueuePage, type CardBadge } from './pages';
import { step, until } from './steps';

const USER = 'Alex Moreno';
/** Cards per demo queue page (demo/server.ts). */
const CARDS_PER_PAGE = 24;

describe.sequential('QA Lens in Firefox', () => {
  let stack: DemoStack;
  let firefox: FirefoxSession;
  let expected: Map<string, Expected>;
  let queueUrl: string;
  let cards: CardBadge[] = [];
  const failed: string[] = [];
  const log = (line: string) => console.log(`[firefox] ${line}`);

  /** Skips a test when an earlier one it builds on failed; records its own failure for the next. */
  async function dependentStep(context: TestContext, name: string, body: () => Promise<void>): Promise<void> {
    if (failed.length > 0) context.skip(`an earlier step failed: ${failed.join(', ')}`);
    try {
      await step(firefox.marionette, name, body, firefox.extensionLog);
    } catch (error) {
      failed.push(name);
      throw error;
    }
  }

  beforeAll(async () => {
    stack = await startDemoStack({ apiPort: 0, demoPort: 0, publishDemoAdapters: false, log });
    expected = expectedSummaries(stack.seed.events);
    queueUrl = `${stack.demoUrl}/moderation/queues/videos?page=2`;
    firefox = await launchFirefox({ log });
    // A fresh install opens the settings page in the first tab. Wait for it: a navigation started
    // meanwhile would be replaced by it.
    const optionsUrl = `${firefox.extensionOrigin}/options.html`;
    await step(
      firefox.marionette,
      'wait for the settings page QA Lens opens on install',
      () =>
        until(`QA Lens to open ${optionsUrl} on install`, async (note) => {
          const url = await firefox.marionette.currentUrl();
          note(url);
          return url === optionsUrl ? url : undefined;
        }),
      firefox.extensionLog,
    );
  });

  afterAll(async () => {
    await firefox?.close();
    await stack?.close();
  });

  it('connects to the API and signs in as a demo user from the options page', async (context) => {
    await dependentStep(context, 'options page: connect and sign in', async () => {
      const options = await new OptionsPage(firefox.marionette, firefox.extensionOrigin).open();
      const status = await options.connect(stack.apiUrl);
      expect(status).toContain('demo mode');
      const signedIn = await options.signInAsDemoUser(USER);
      expect(signedIn).toBe(`Signed in as ${USER} (moderator)`);
    });
  });

  it('draws one badge per card on the moderation queue, with the counts the seed implies', async (context) => {
    await dependentStep(context, 'moderation queue: badges', async () => {
      const queue = await new QueuePage(firefox.marionette).open(queueUrl);
      const mismatches = (current: CardBadge[]) =>
        current.filter(
          (card) =>
            card.badges !== 1 ||
            card.label === null ||
            !badgeLabelPattern(expected.get(`demo-moderation/${card.itemId}`)).test(card.label),
        );
      cards = await until(`${CARDS_PER_PAGE} badges with the seed's counts on ${queueUrl}`, async (note) => {
        const current = await queue.cards();
        const wrong = mismatches(current);
        note(
          `${current.length} cards, ${wrong.length} without the expected badge` +
            (wrong[0] ? `, e.g. ${wrong[0].itemId}: ${wrong[0].badges} badge(s), "${wrong[0].label}"` : ''),
        );
        return current.length === CARDS_PER_PAGE && wrong.length === 0 ? current : undefined;
      });
      // Checked once more outright, so a failure shows the expected and actual labels side by side.
      for (const card of cards) {
        expect(card.label, `badge of ${card.itemId}`).toMatch(
          badgeLabelPattern(expected.get(`demo-moderation/${card.itemId}`)),
        );
      }
      expect(await queue.badgeCount()).toBe(CARDS_PER_PAGE);
    });
  });

  it("opens the item panel window with that item's history when a badge is clicked", async (context) => {
    await dependentStep(context, 'item panel: click a badge', async () => {
      const marionette = firefox.marionette;
      // The most-audited item on the page: its history is long enough to be worth reading.
      const summary = (id: string) => expected.get(`demo-moderation/${id}`);
      const itemId = cards
        .map((card) => card.itemId)
        .reduce((best, next) => ((summary(next)?.audits ?? 0) > (summary(best)?.audits ?? 0) ? next : best));
      const want = summary(itemId)!;
      expect(want.audits).toBeGreaterThan(0);

      const queueWindow = await marionette.windowHandle();
      const before = new Set(await marionette.windowHandles());
      // A real click: the badge ignores untrusted (scripted) clicks.
      await marionette.click(await new QueuePage(marionette).badgeButton(itemId));
      const panelWindow = await until('the item panel window to open', async (note) => {
        const handles = await marionette.windowHandles();
        note(`${handles.length} window(s)`);
        return handles.find((handle) => !before.has(handle));
      });
      await marionette.switchToWindow(panelWindow);
      const panelUrl = await until('the item panel URL', async (note) => {
        const url = new URL(await marionette.currentUrl());
        note(url.href);
        return url.pathname === '/item-panel.html' ? url : undefined;
      });
      // Node's URL gives moz-extension: URLs an opaque origin ("null"), so compare scheme and host.
      expect(`${panelUrl.protocol}//${panelUrl.host}`).toBe(firefox.extensionOrigin);
      expect(panelUrl.searchParams.get('site')).toBe('demo-moderation');
      expect(panelUrl.searchParams.get('item')).toBe(itemId);

      const panel = new ItemPanel(marionette);
      // The panel lists a first page of events, newest first; how long a page is, is the panel's business.
      // Either it lists them all, or it says it shows only the newest.
      const shown = await until(`the panel to show ${want.audits} audits and their events`, async (note) => {
        const content = await panel.content();
        note(JSON.stringify(content));
        const listed = content.eventTimes.length;
        const complete = listed === want.audits || (listed > 0 && content.partialNote !== null);
        return content.audits === String(want.audits) && complete ? content : undefined;
      });
      expect(shown).toMatchObject({
        itemKey: itemId,
        audits: String(want.audits),
        incorrect: String(want.incorrect),
        overturns: String(want.overturns),
      });
      // The listed events are the item's newest ones in the seed, newest first.
      const seedTimes = stack.seed.events
        .filter((event) => event.site === 'demo-moderation' && event.itemKey === itemId)
        .map((event) => Date.parse(event.occurredAt))
        .sort((a, b) => b - a);
      expect(shown.eventTimes.map((time) => Date.parse(time ?? ''))).toEqual(
        seedTimes.slice(0, shown.eventTimes.length),
      );
      if (shown.eventTimes.length < want.audits) {
        expect(shown.partialNote).toContain(`Showing the newest ${shown.eventTimes.length}`);
      }
      expect(shown.firstEventTime).toMatch(/ago|in /);
      await marionette.switchToWindow(queueWindow);
    });
  });
});
