import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askTab, pushToTab } from '../../utils/background/push';

describe('messages the background sends', () => {
  it('refuses to push what the tab table does not describe', () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    expect(() => pushToTab(1, 'itemsUpdated', { items: [{ site: 'x', itemKey: 'k' }] } as never)).toThrow(
      'malformed "itemsUpdated"',
    );
    expect(() => pushToTab(1, 'lookupFailed', { items: [], code: 'x', message: 'y' } as never)).toThrow('retry');
    expect(send).not.toHaveBeenCalled();
  });

  it("checks a tab's answer against the table", async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: { total: 'many' } });
    const adapter = {
      schemaVersion: 1,
      id: 'a',
      version: 1,
      name: 'A',
      site: 'a',
      matches: ['http://localhost/*'],
      item: { selector: 'li', key: { from: 'attribute', name: 'data-id' } },
    } as const;
    await expect(askTab(1, 'workbench', { adapter: adapter as never })).rejects.toThrow('malformed');
  });
});
