import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { dispatch, type Handlers } from '../../utils/messaging/router';

function handlers(): Handlers {
  return {
    lookupItems: vi.fn(async () => ({ items: [], signedIn: true })),
    openItemPanel: vi.fn(async () => undefined),
    refreshItems: vi.fn(async () => undefined),
    adaptersForPage: vi.fn(async () => ({ adapters: [] })),
    reportHealth: vi.fn(async () => undefined),
    syncAdapters: vi.fn(async () => ({ received: 0, rejected: [] })),
    runWorkbench: vi.fn(async () => {
      throw new Error('not in this test');
    }),
  };
}

const contentSender = () => ({
  id: browser.runtime.id,
  tab: { id: 4 } as never,
  url: 'http://localhost:8788/moderation/queues/videos',
});
const pageSender = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/options.html') });
const item = { site: 'demo-moderation', itemKey: 'VID-00001' };

describe('background message router', () => {
  it('runs the handler with parsed data for a valid content-script message', async () => {
    const h = handlers();
    const reply = await dispatch('lookupItems', { items: [item] }, contentSender(), h);
    expect(reply).toEqual({ ok: { items: [], signedIn: true } });
    expect(h.lookupItems).toHaveBeenCalledWith({ items: [item] }, expect.anything());
  });

  it('refuses messages from another extension', async () => {
    const h = handlers();
    const reply = await dispatch('lookupItems', { items: [item] }, { ...contentSender(), id: 'someone-else' }, h);
    expect(reply).toEqual({ error: expect.stringContaining('another extension') });
    expect(h.lookupItems).not.toHaveBeenCalled();
  });

  it('refuses extension-only messages from a content script', async () => {
    const h = handlers();
    const reply = await dispatch('refreshItems', { items: [item] }, contentSender(), h);
    expect(reply).toEqual({ error: expect.stringContaining('only extension pages') });
    expect(h.refreshItems).not.toHaveBeenCalled();
    expect(await dispatch('refreshItems', { items: [item] }, pageSender(), h)).toEqual({ ok: undefined });
  });

  it('rejects malformed data with the field at fault', async () => {
    const h = handlers();
    const reply = await dispatch('lookupItems', { items: [{ site: 'Bad Site!', itemKey: '' }] }, contentSender(), h);
    expect(reply).toEqual({ error: expect.stringMatching(/items\.0\.site/) });
    expect(h.lookupItems).not.toHaveBeenCalled();
  });

  it('turns a throwing handler into an error reply', async () => {
    const h = handlers();
    h.openItemPanel = vi.fn(async () => {
      throw new Error('no windows here');
    });
    expect(await dispatch('openItemPanel', item, contentSender(), h)).toEqual({ error: 'no windows here' });
  });
});
