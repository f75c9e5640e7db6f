import { defineHandler } from '../services';

/** One item's events, cached when fresh, else paged in from the API. */
export default defineHandler('loadItemEvents', ({ site, itemKey, more, force }, { services }) =>
  services.itemEvents.load({ site, itemKey }, { more, force }),
);
