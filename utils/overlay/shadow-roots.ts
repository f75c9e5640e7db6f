/** Where items are looked for: the document, or open shadow roots inside it. */
export type ItemRoot = Document | ShadowRoot;

/** One level of an adapter's shadow path, as found on a page. */
export interface ShadowLevel {
  selector: string;
  /** Host elements matching the selector at this level. */
  hosts: number;
  /** Of those, hosts whose shadow root is open (closed ones cannot be entered). */
  open: number;
}

/**
 * Follows an adapter's `shadowHosts` from the document: at each level, the
 * open shadow roots of the hosts matching that level's selector. With no
 * hosts the document itself is the only root. `path` says what each level
 * found, for the workbench and for adapter health.
 */
export function resolveItemRoots(
  doc: Document,
  shadowHosts: readonly string[] = [],
): {
  roots: ItemRoot[];
  path: ShadowLevel[];
} {
  let roots: ItemRoot[] = [doc];
  const path: ShadowLevel[] = [];
  for (const selector of shadowHosts) {
    const next: ShadowRoot[] = [];
    let hosts = 0;
    for (const root of roots) {
      for (const host of root.querySelectorAll(selector)) {
        hosts += 1;
        if (host.shadowRoot) next.push(host.shadowRoot);
      }
    }
    path.push({ selector, hosts, open: next.length });
    roots = next;
  }
  return { roots, path };
}
