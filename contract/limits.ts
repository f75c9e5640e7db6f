/*
 * Limits shared by the extension, its content script and the API. No zod here:
 * the always-loaded content script imports this file.
 */

/** Most items one lookup names: the overlay, the background and the API batch by this. */
export const LOOKUP_MAX_ITEMS = 500;

/** Most events one page of an item's history holds. */
export const EVENTS_PAGE_MAX = 100;

/** Longest markdown body of one guideline section. */
export const GUIDELINE_BODY_MAX = 20_000;

/** Most sections one guideline version holds. */
export const GUIDELINE_SECTIONS_MAX = 200;

/** Most policy tags, categories, labels or keywords on one section (each list). */
export const GUIDELINE_TAGS_MAX = 50;

/** Most guideline versions one sync page holds: a version can be large, so pages are small. */
export const GUIDELINE_SYNC_PAGE_MAX = 50;

/** Longest selected text a gap report carries (the content script clips a selection to it). */
export const GAP_SELECTION_MAX = 4000;

/**
 * Longest value of one item field the extension passes around (lookups, the panel, reports): a
 * page's field can be any length, and one over-long title must not make a whole batch invalid.
 */
export const ITEM_FIELD_VALUE_MAX = 2000;
