import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onPush, sendMessage } from '../messaging/send';
import { builtinAdapters } from './adapters/builtin';
import { adaptersFor } from './adapters/match';
import { createDecorator } from './decorate';
import { observe } from './observe';

const RUNNING = Symbol.for('qa-lens.overlay');

/**
 * Runs the overlay in this document: once per document (a second injection
 * after an extension update replaces the first via `ctx`), restarted on
 * single-page-app navigation, torn down when the context is invalidated.
 */
export function startOverlay(ctx: ContentScriptContext): void {
  const scope = globalThis as { [RUNNING]?: AbortController };
  scope[RUNNING]?.abort();
  let run = new AbortController();
  scope[RUNNING] = run;

  const begin = () => {
    run.abort();
    run = new AbortController();
    scope[RUNNING] = run;
    runAdapters(run.signal);
  };
  ctx.onInvalidated(() => run.abort());
  ctx.addEventListener(window, 'wxt:locationchange', begin);
  runAdapters(run.signal);
}

function runAdapters(signal: AbortSignal): void {
  for (const adapter of adaptersFor(builtinAdapters, location.href)) {
    const decorator = createDecorator(
      adapter,
      {
        lookup: (items) => sendMessage('lookupItems', { items }),
        openPanel: (ref) => void sendMessage('openItemPanel', ref).catch((e: unknown) => console.warn('[QA Lens]', e)),
        url: () => new URL(location.href),
      },
      signal,
    );
    onPush('itemsUpdated', ({ items }) => decorator.update(items), signal);
    onPush('lookupFailed', ({ items, code, message }) => decorator.fail(items, code, message), signal);
    observe(adapter.item.selector, (elements) => decorator.add(elements), { signal });
  }
}
