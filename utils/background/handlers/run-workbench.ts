import { SiteAdapter, zodSummary } from '../../../contract';
import { askTab } from '../push';
import { defineHandler } from '../services';

/** Runs an adapter document, possibly unsaved, against a tab and answers what it found there. */
export default defineHandler('runWorkbench', async ({ tabId, adapter }) => {
  const parsed = SiteAdapter.safeParse(adapter);
  if (!parsed.success) {
    throw new Error(`This adapter is not valid. ${zodSummary(parsed.error)}`);
  }
  return askTab(tabId, 'workbench', { adapter: parsed.data });
});
