import { z } from 'zod';
import { AdapterHealthReport, ItemRef } from '../../contract';

/**
 * The one protocol map of runtime messages. Each message names who may send
 * it: `content` (a content script in a web page, the least trusted sender) or
 * `extension` (one of this extension's own pages). The background parses every
 * request with its schema and checks the sender before any handler runs.
 *
 * Content scripts import only its *types* (see send.ts, envelope.ts), so zod
 * never lands in the always-loaded bundle.
 */
export const protocol = {
  /** Summaries for the items a page shows; answered from IndexedDB at once. */
  lookupItems: {
    from: 'content',
    request: z.object({ items: z.array(ItemRef).min(1).max(2000) }),
  },
  /** Opens (or re-targets) the item panel on one item. */
  openItemPanel: {
    from: 'content',
    request: ItemRef,
  },
  /** The enabled adapters (built-in and published) whose patterns match a page. */
  adaptersForPage: {
    from: 'content',
    request: z.object({ url: z.url().max(4000) }),
  },
  /** What one page run found with one adapter. */
  reportHealth: {
    from: 'content',
    request: z.object({ report: AdapterHealthReport }),
  },
  /** Pulls published adapters now (options page, after sign-in). */
  syncAdapters: {
    from: 'extension',
    request: z.object({}),
  },
  /** Runs an adapter document, possibly unsaved, against a tab (the adapter workbench). */
  runWorkbench: {
    from: 'extension',
    request: z.object({ tabId: z.number().int().nonnegative(), adapter: z.unknown() }),
  },
  /** Re-fetches items from the API now, bypassing freshness. */
  refreshItems: {
    from: 'extension',
    request: z.object({ items: z.array(ItemRef).min(1).max(2000) }),
  },
} as const satisfies Record<string, { from: Sender; request: z.ZodType }>;

export type Sender = 'content' | 'extension';
export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = z.input<Protocol[K]['request']>;
