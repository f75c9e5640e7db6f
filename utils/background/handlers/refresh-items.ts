import { defineHandler } from '../services';

/** Queues these items for a fetch whatever their age (the panel's Refresh). */
export default defineHandler('refreshItems', ({ items }, { sender, services }) =>
  services.lookups.refresh(items, sender.kind === 'content' ? sender.tabId : undefined),
);
