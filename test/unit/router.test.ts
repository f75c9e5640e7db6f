import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { collectHandlers, handlers as realHandlers } from '../../utils/background/handlers';
import { createClaimCheck } from '../../utils/background/sender-scope';
import type { BackgroundServices } from '../../utils/background/services';
import { AppDB } from '../../utils/db/app-db';
import { backgroundProtocol, type MessageType, type SenderKind } from '../../utils/messaging/protocol';
import { createRouter, identify, type Handlers } from '../../utils/messaging/router';

const item = { site: 'demo-moderation', itemKey: 'VID-00001' };
const pageUrl = 'http://localhost:8788/moderation/queues/videos';

/** A valid request for every message, so each test can vary one thing. */
const VALID: { [K in MessageType]: unknown } = {
  lookupItems: { items: [item] },
  refreshItems: { items: [item] },
  loadItemEvents: item,
  itemHint: { ...item, fields: { title: 'Cooking with garlic' } },
  openItemPanel: item,
  adaptersForPage: { url: pageUrl },
  reportHealth: {
    report: {
      adapterId: 'demo-moderation',
      adapterVersion: 1,
      site: 'demo-moderation',
      pageUrl,
      itemsFound: 1,
      itemsMissingRequired: 0,
      at: new Date().toISOString(),
    },
  },
  syncAdapters: {},
  syncReports: {},
  myQuality: { weeks: 4 },
  openReportForm: { context: { site: item.site, itemKey: item.itemKey, pageUrl } },
  takeCapture: { token: 'a-token' },
  runWorkbench: { tabId: 3, adapter: {} },
  answerSurvey: {
    surveyId: '01960000-0000-7000-8000-000000000001',
    answer: true,
    context: { site: item.site, itemKey: item.itemKey, pageUrl },
  },
  dismissSurvey: { ...item, surveyId: '01960000-0000-7000-8000-000000000001' },
};

/** What each handler answers here: valid for its response schema. */
const ANSWERS: { [K in MessageType]: unknown } = {
  lookupItems: { items: [], signedIn: true },
  refreshItems: undefined,
  loadItemEvents: { ...item, events: [], hasMore: false, freshness: 'fresh' },
  itemHint: { events: [], note: null, clause: null },
  openItemPanel: undefined,
  adaptersForPage: { adapters: [] },
  reportHealth: undefined,
  syncAdapters: { received: 0, rejected: [] },
  syncReports: {
    signedIn: true,
    created: 1,
    duplicate: 0,
    rejected: 0,
    changed: 0,
    stoppedBy: null,
    pullError: null,
  },
  openReportForm: undefined,
  takeCapture: { dataUrl: null },
  answerSurvey: { outcome: 'saved' },
  dismissSurvey: undefined,
  myQuality: {
    userId: 'mod.alex',
    tz: 'UTC',
    weeks: 4,
    from: '2026-10-26T00:00:00.000Z',
    to: '2026-11-23T00:00:00.000Z',
    total: { events: 0, correct: 0, accuracy: null },
    byPolicy: [],
    byWeek: [],
  },
  runWorkbench: {
    total: 0,
    items: [],
    path: [],
    suggestedBadge: null,
    health: {
      ...(VALID.reportHealth as { report: object }).report,
      missingFields: {},
      selectorsNeverMatched: [],
      badgesChecked: 0,
      badgesHidden: { zeroSize: 0, clipped: 0, covered: 0 },
    },
  },
};

const contentSender = (url = pageUrl) => ({ id: browser.runtime.id, tab: { id: 4 } as never, frameId: 0, url });
const pageSender = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/options.html') });
const SENDERS: Record<SenderKind, () => ReturnType<typeof contentSender> | ReturnType<typeof pageSender>> = {
  content: contentSender,
  extension: pageSender,
};

function fakeHandlers() {
  const entries = (Object.keys(backgroundProtocol) as MessageType[]).map((type) => [
    type,
    vi.fn(async () => ANSWERS[type]),
  ]);
  return Object.fromEntries(entries) as { [K in MessageType]: ReturnType<typeof vi.fn> };
}

describe('background message router', () => {
  let db: AppDB;
  let handlers: ReturnType<typeof fakeHandlers>;
  let router: ReturnType<typeof createRouter<object>>;

  beforeEach(() => {
    db = new AppDB(`router-${Math.random()}`);
    handlers = fakeHandlers();
    router = createRouter(handlers as unknown as Handlers<object>, {}, createClaimCheck(db));
  });

  for (const type of Object.keys(backgroundProtocol) as MessageType[]) {
    const allowed = backgroundProtocol[type].from as readonly SenderKind[];
    for (const kind of ['content', 'extension'] as const) {
      if (allowed.includes(kind)) {
        it(`accepts "${type}" from a ${kind} sender and checks its answer`, async () => {
          const reply = await router.dispatch(type, VALID[type], SENDERS[kind]());
          expect(reply).toEqual({ ok: ANSWERS[type] });
          expect(handlers[type]).toHaveBeenCalledTimes(1);
        });
      } else {
        it(`refuses "${type}" from a ${kind} sender before its handler runs`, async () => {
          const reply = await router.dispatch(type, VALID[type], SENDERS[kind]());
          expect(reply).toEqual({ error: expect.stringContaining(`may not come from a ${kind} sender`) });
          expect(handlers[type]).not.toHaveBeenCalled();
        });
      }
    }
    it(`refuses "${type}" from another extension`, async () => {
      const reply = await router.dispatch(type, VALID[type], { ...pageSender(), id: 'someone-else' });
      expect(reply).toEqual({ error: expect.stringContaining('another extension') });
      expect(handlers[type]).not.toHaveBeenCalled();
    });
  }

  it('rejects malformed data with the field at fault', async () => {
    const reply = await router.dispatch(
      'lookupItems',
      { items: [{ site: 'Bad Site!', itemKey: '' }] },
      contentSender(),
    );
    expect(reply).toEqual({ error: expect.stringMatching(/items\.0\.site/) });
    expect(handlers.lookupItems).not.toHaveBeenCalled();
  });

  it('scopes every content message to the sites and URLs of its own origin', async () => {
    const foreign = { site: 'hr-records', itemKey: 'x' };
    for (const [type, data] of [
      ['lookupItems', { items: [foreign] }],
      ['loadItemEvents', foreign],
      ['openItemPanel', foreign],
      ['adaptersForPage', { url: 'https://evil.example/x' }],
      [
        'reportHealth',
        { report: { ...(VALID.reportHealth as { report: object }).report, pageUrl: 'https://evil.example/x' } },
      ],
      ['answerSurvey', { ...(VALID.answerSurvey as object), context: foreign }],
      ['answerSurvey', { ...(VALID.answerSurvey as object), context: { ...item, pageUrl: 'https://evil.example/x' } }],
      ['dismissSurvey', { ...foreign, surveyId: '01960000-0000-7000-8000-000000000001' }],
    ] as const) {
      const reply = await router.dispatch(type, data, contentSender());
      expect(reply, type).toEqual({ error: expect.stringMatching(/not served|own origin/) });
      expect(handlers[type]).not.toHaveBeenCalled();
    }
    // Extension pages are trusted with every site.
    expect(await router.dispatch('openItemPanel', foreign, pageSender())).toEqual({ ok: undefined });
  });

  it('turns a throwing handler into an error reply', async () => {
    handlers.openItemPanel.mockRejectedValueOnce(new Error('no windows here'));
    expect(await router.dispatch('openItemPanel', item, contentSender())).toEqual({ error: 'no windows here' });
  });

  it('never lets a malformed answer leave the background', async () => {
    handlers.lookupItems.mockResolvedValueOnce({ items: [{ nonsense: true }], signedIn: 'yes' });
    const reply = await router.dispatch('lookupItems', VALID.lookupItems, contentSender());
    expect(reply).toEqual({ error: expect.stringContaining('could not answer "lookupItems"') });
  });

  it('tells content scripts from extension pages, and refuses senders without a tab or origin', () => {
    expect(identify(contentSender())).toEqual({
      kind: 'content',
      tabId: 4,
      frameId: 0,
      url: pageUrl,
      origin: 'http://localhost:8788',
    });
    expect(identify(pageSender())).toEqual({ kind: 'extension' });
    expect(identify({ id: fakeBrowser.runtime.id, url: pageUrl })).toBe('content message without a tab');
    expect(identify({ ...contentSender(), url: 'data:text/html,hi' })).toMatch(/opaque origin/);
  });
});

describe('handler registry', () => {
  it('has exactly one handler per message of the table', () => {
    expect(Object.keys(realHandlers).sort()).toEqual(Object.keys(backgroundProtocol).sort());
  });

  it('refuses a missing, a duplicate and an unknown handler', () => {
    const one = (type: string) => ({ default: { type, handle: () => undefined } }) as never;
    const all = Object.fromEntries(Object.keys(backgroundProtocol).map((type) => [`./${type}.ts`, one(type)]));
    expect(() => collectHandlers({ ...all, './x.ts': one('lookupItems') })).toThrow('two handlers');
    expect(() => collectHandlers({ ...all, './x.ts': one('nope') })).toThrow('unknown message "nope"');
    const { ['./syncAdapters.ts']: _dropped, ...missing } = all;
    expect(() => collectHandlers(missing)).toThrow('no handler for: syncAdapters');
    expect(Object.keys(collectHandlers(all) as Handlers<BackgroundServices>)).toHaveLength(Object.keys(all).length);
  });
});
