import { defineHandler } from '../services';

/**
 * Summaries from the cache at once; what is missing or stale is fetched and pushed to the asking
 * tab. A page's lookup then offers its frame the surveys that apply to those items (not awaited:
 * badges never wait for surveys).
 */
export default defineHandler('lookupItems', async ({ items }, { sender, services }) => {
  const refs = items.map(({ site, itemKey }) => ({ site, itemKey }));
  const answer = await services.lookups.lookup(refs, sender.kind === 'content' ? sender.tabId : undefined);
  if (sender.kind === 'content') {
    services.surveys
      .offer(sender, items, answer.items)
      .catch((error: unknown) => console.warn('[QA Lens] could not offer surveys', error));
  }
  return answer;
});
