import { defineHandler } from '../services';

/** Summaries from the cache at once; what is missing or stale is fetched and pushed to the asking tab. */
export default defineHandler('lookupItems', ({ items }, { sender, services }) =>
  services.lookups.lookup(items, sender.kind === 'content' ? sender.tabId : undefined),
);
