import { openItemPanel } from '../item-panel';
import { defineHandler } from '../services';

/**
 * Shows one item in the panel window (the router has checked its site is served on the sender's
 * page), with the page it was shown on, which the panel's SOP gap reports carry.
 */
export default defineHandler('openItemPanel', ({ site, itemKey, fields, pageTitle }, { sender }) =>
  openItemPanel(
    { site, itemKey },
    fields,
    sender.kind === 'content' ? { url: sender.url, title: pageTitle ?? null } : undefined,
  ),
);
