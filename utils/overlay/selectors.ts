import type { FieldSource, SiteAdapterInput } from '../../contract/adapter';

/**
 * The first selector of an adapter this browser cannot parse, or null. The
 * contract checks only length (the background has no DOM), so each page
 * checks before it runs an adapter: one bad selector must not throw inside
 * the shared observer and stop the other adapters.
 */
export function invalidSelector(adapter: SiteAdapterInput): string | null {
  const sources = [adapter.item.key, ...Object.values(adapter.item.fields ?? {})] as FieldSource[];
  const selectors = [
    ...(adapter.item.shadowHosts ?? []),
    adapter.item.selector,
    adapter.badge?.selector,
    ...sources.map((source) => ('selector' in source ? source.selector : undefined)),
  ].filter((selector): selector is string => typeof selector === 'string');
  const probe = document.createDocumentFragment();
  for (const selector of selectors) {
    try {
      probe.querySelector(selector);
    } catch {
      return selector;
    }
  }
  return null;
}
