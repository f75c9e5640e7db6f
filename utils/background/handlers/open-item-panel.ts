import { openItemPanel } from '../item-panel';
import { defineHandler } from '../services';

/** Shows one item in the panel window (the router has checked its site is served on the sender's page). */
export default defineHandler('openItemPanel', ({ site, itemKey, fields }) => openItemPanel({ site, itemKey }, fields));
