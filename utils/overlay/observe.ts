/** Tag name of every element QA Lens adds to a page; the observer skips them. */
export const OWN_TAG = 'qa-lens-badge';

export interface ObserveOptions {
  signal: AbortSignal;
  root?: ParentNode & Node;
  /** Defers work to the next frame; a parameter so tests can run it synchronously. */
  schedule?: (callback: () => void) => void;
}

/**
 * The one element-discovery helper: calls `onFound` with each batch of
 * elements matching `selector` — those present now and those added later —
 * once per element, at most once per frame. Nodes QA Lens added are ignored.
 */
export function observe(selector: string, onFound: (elements: Element[]) => void, options: ObserveOptions): void {
  const { signal, root = document, schedule = (cb) => requestAnimationFrame(cb) } = options;
  if (signal.aborted) return;
  const seen = new WeakSet<Element>();
  let pending: Element[] = [];
  let scheduled = false;

  const collect = (scope: Element | Document | DocumentFragment) => {
    if (scope instanceof Element) {
      if (scope.localName === OWN_TAG) return;
      if (scope.matches(selector) && !seen.has(scope)) {
        seen.add(scope);
        pending.push(scope);
      }
    }
    for (const element of scope.querySelectorAll(selector)) {
      if (!seen.has(element)) {
        seen.add(element);
        pending.push(element);
      }
    }
  };

  const flush = () => {
    scheduled = false;
    if (signal.aborted || pending.length === 0) return;
    const batch = pending;
    pending = [];
    onFound(batch);
  };

  collect(root as Document);
  flush();

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) collect(node as Element);
      }
    }
    if (pending.length > 0 && !scheduled) {
      scheduled = true;
      schedule(flush);
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
