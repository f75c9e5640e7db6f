import { itemHint } from '../../guidelines/item-hint';
import { defineHandler } from '../services';

/** An item's hover card: its newest events in words and the top guideline clause (offline too). */
export default defineHandler('itemHint', ({ site, itemKey, fields }, { services }) =>
  itemHint(
    {
      db: services.db,
      loadEvents: (ref) => services.itemEvents.load(ref),
      signedIn: async () => (await services.currentApi()) !== null,
    },
    { site, itemKey },
    fields,
  ),
);
