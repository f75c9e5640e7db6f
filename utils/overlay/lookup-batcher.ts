import type { ItemRef } from '../../contract/common';
import { LOOKUP_MAX_ITEMS } from '../../contract/limits';
import { errorMessage } from '../error-message';
import { itemRefKey } from '../items/ref-key';
import type { ItemState } from '../messaging/protocol';
import { createRetryQueue, type RetryQueueOptions } from './retry-queue';

export type RetryTiming = Partial<
  Pick<RetryQueueOptions<ItemRef>, 'baseMs' | 'capMs' | 'random' | 'setTimer' | 'clearTimer'>
>;

export interface LookupBatcherOptions {
  lookup: (items: ItemRef[]) => Promise<{ items: ItemState[]; signedIn: boolean }>;
  /** The background answered (from its cache; fresher answers come later as pushes). */
  onAnswer: (items: ItemState[], signedIn: boolean) => void;
  /** The background did not answer these items at all. */
  onError: (refs: ItemRef[], message: string) => void;
  /** Whether an item is still worth asking about (its badge is on the page). */
  wanted: (key: string) => boolean;
  signal: AbortSignal;
  retry?: RetryTiming;
}

export type LookupBatcher = ReturnType<typeof createLookupBatcher>;

/**
 * Lookup batching for one page run: the items drawn in one task go to the
 * background as one message (chunked by the API's batch limit), and what was
 * not answered for good (a failure that may pass, an answer still on its way)
 * is asked for again through the retry queue.
 */
export function createLookupBatcher({ lookup, onAnswer, onError, wanted, signal, retry }: LookupBatcherOptions) {
  const pending = new Map<string, ItemRef>();
  let scheduled = false;
  const retries = createRetryQueue<ItemRef>({ keyOf: itemRefKey, send: (refs) => void send(refs), wanted, ...retry });
  signal.addEventListener('abort', () => retries.clear(), { once: true });

  async function send(refs: ItemRef[]): Promise<void> {
    for (let start = 0; start < refs.length; start += LOOKUP_MAX_ITEMS) {
      const chunk = refs.slice(start, start + LOOKUP_MAX_ITEMS);
      try {
        const reply = await lookup(chunk);
        if (signal.aborted) return;
        onAnswer(reply.items, reply.signedIn);
        settleAnswered(reply.items, reply.signedIn);
      } catch (error) {
        if (signal.aborted) return;
        onError(chunk, errorMessage(error));
        retries.add(chunk); // a restarting service worker answers the next try
      }
    }
  }

  /** Fresh answers (and "signed out") are final; stale or missing ones are being fetched. */
  function settleAnswered(items: ItemState[], signedIn: boolean): void {
    const settled: string[] = [];
    const unanswered: ItemRef[] = [];
    for (const item of items) {
      if (item.freshness === 'fresh' || !signedIn) settled.push(itemRefKey(item));
      else unanswered.push({ site: item.site, itemKey: item.itemKey });
    }
    retries.settle(settled);
    if (unanswered.length > 0) retries.add(unanswered, { patient: true });
  }

  return {
    /** Asks for an item's summary with the others drawn in this task. */
    request(ref: ItemRef): void {
      pending.set(itemRefKey(ref), ref);
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        const refs = [...pending.values()];
        pending.clear();
        void send(refs);
      });
    },
    /** These items got their answer (a push from the background). */
    settle(keys: string[]): void {
      retries.settle(keys);
    },
    /** These items failed; `retry` when asking again later can help. */
    failed(refs: ItemRef[], retry: boolean): void {
      if (retry) retries.add(refs);
      else retries.settle(refs.map(itemRefKey));
    },
    /** Asks again now for everything that failed (the API is back). */
    retryNow(): void {
      retries.retryNow();
    },
  };
}
