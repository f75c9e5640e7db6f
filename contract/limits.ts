/*
 * Limits shared by the extension, its content script and the API. No zod here:
 * the always-loaded content script imports this file.
 */

/** Most items one lookup names: the overlay, the background and the API batch by this. */
export const LOOKUP_MAX_ITEMS = 500;

/** Most events one page of an item's history holds. */
export const EVENTS_PAGE_MAX = 100;
