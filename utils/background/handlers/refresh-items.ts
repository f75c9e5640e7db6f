import { defineHandler } from '../services';

/** Queues these items for a fetch whatever their age (the panel's Refresh); the panel reads the cache live. */
export default defineHandler('refreshItems', ({ items }, { services }) => services.lookups.refresh(items));
