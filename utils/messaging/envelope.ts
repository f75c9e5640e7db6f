import type { AdapterHealthReport, ItemField, ItemRef, ItemSummary, SiteAdapterInput } from '../../contract';

/*
 * Message shapes with no runtime dependencies: safe to import from the
 * always-loaded content script.
 */

/** How fresh a summary handed to a page is. */
export type Freshness = 'fresh' | 'stale' | 'missing';

/** One item's answer to a page. `summary` is null until the API has answered. */
export interface ItemState {
  site: string;
  itemKey: string;
  summary: ItemSummary | null;
  freshness: Freshness;
}

/** What the workbench shows after running an adapter on a tab. */
export interface WorkbenchResult {
  /** Elements matching the item selector. */
  total: number;
  /** Up to 200 items with what was read from them; `itemKey` null where the key was missing. */
  items: { itemKey: string | null; fields: Partial<Record<ItemField, string>> }[];
  health: AdapterHealthReport;
}

/** Outcome of pulling published adapters. */
export interface AdapterSyncResult {
  received: number;
  rejected: { id: string; message: string }[];
}

/** What each request resolves to. */
export interface ResponseMap {
  lookupItems: { items: ItemState[]; signedIn: boolean };
  adaptersForPage: { adapters: SiteAdapterInput[] };
  reportHealth: void;
  syncAdapters: AdapterSyncResult;
  runWorkbench: WorkbenchResult;
  openItemPanel: void;
  refreshItems: void;
}

/** Requests the background sends to a tab, answered by its content script. */
export interface TabRequestMap {
  workbench: { request: { adapter: SiteAdapterInput }; response: WorkbenchResult };
  workbenchClear: { request: Record<string, never>; response: void };
}

/** Messages the background pushes to the tabs that asked. */
export interface PushMap {
  itemsUpdated: { items: ItemState[] };
  lookupFailed: { items: ItemRef[]; code: string; message: string };
  /** Someone signed in or out: pages start over with the new user's view. */
  authChanged: Record<string, never>;
}

/** The envelope every QA Lens runtime message travels in. */
export interface Envelope<T extends string = string, D = unknown> {
  qaLens: 1;
  type: T;
  data: D;
}

/** Tells a QA Lens envelope apart from anything else on the runtime channel. */
export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Envelope).qaLens === 1 &&
    typeof (value as Envelope).type === 'string'
  );
}
