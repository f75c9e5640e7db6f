import type { SiteAdapterInput } from '../../../contract/adapter';
import demoModeration from './demo-moderation.json';
import demoSearch from './demo-search.json';

/**
 * Adapters shipped with the extension, one JSON file each. They are checked
 * against the contract's schema in test/unit/adapters.test.ts rather than at
 * run time, which keeps zod out of the content script.
 */
export const builtinAdapters = [demoModeration, demoSearch] as SiteAdapterInput[];
