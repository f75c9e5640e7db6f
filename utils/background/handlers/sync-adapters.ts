import { defineHandler } from '../services';

/** Pulls published adapters now (the options page's button, and after sign-in). */
export default defineHandler('syncAdapters', (_request, { services }) => services.syncNow());
