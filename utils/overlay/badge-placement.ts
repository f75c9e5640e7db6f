import type { SiteAdapterInput } from '../../contract/adapter';

/** Puts a badge host where the adapter says: relative to its anchor inside the item, or the item itself. */
export function placeBadge(adapter: SiteAdapterInput, item: Element, host: Element): void {
  const selector = adapter.badge?.selector;
  const anchor = (selector && item.querySelector(selector)) || item;
  switch (adapter.badge?.position ?? 'append') {
    case 'append':
      anchor.append(host);
      break;
    case 'prepend':
      anchor.prepend(host);
      break;
    case 'before':
      anchor.before(host);
      break;
    case 'after':
      anchor.after(host);
      break;
  }
}
