import type { ItemRef } from '../../contract/common';

/*
 * A badge's host names its item, so the survey card script (loaded only where a survey is shown)
 * can find the badge to sit beside without the overlay knowing about surveys. The page already
 * shows the item's key: the attribute tells page script nothing it did not know.
 */

/** The attribute on a badge's host naming its item. */
export const BADGE_ITEM_ATTRIBUTE = 'data-qa-lens-item';

/** The attribute's value for one item: its site and key (a site id holds no space). */
export function badgeItemValue(ref: ItemRef): string {
  return `${ref.site} ${ref.itemKey}`;
}
