import type { AdapterHealthReport, FieldSource, ItemField, SiteAdapterInput } from '../../contract/adapter';
import type { BadgeVisibility } from './badge-visibility';
import { readSource } from './extract';

/** Fields are checked on this many items per page run: enough to see breakage, cheap on 10,000-item pages. */
export const HEALTH_SAMPLE = 200;

/** Counts, for one adapter on one page run, how well detection worked. */
export function createHealthCounter(adapter: SiteAdapterInput) {
  const fields = Object.entries(adapter.item.fields ?? {}) as [ItemField, FieldSource][];
  const required = new Set(adapter.item.required ?? []);
  const missing: Partial<Record<ItemField, number>> = {};
  const matched = new Set<ItemField>();
  let itemsFound = 0;
  let sampled = 0;
  let itemsMissingRequired = 0;
  const hidden = { zeroSize: 0, clipped: 0, covered: 0 };
  let badgesChecked = 0;

  function check(element: Element, url: URL): void {
    sampled += 1;
    let lacksRequired = false;
    for (const [name, source] of fields) {
      if (readSource(source, element, url) === null) {
        missing[name] = (missing[name] ?? 0) + 1;
        if (required.has(name)) lacksRequired = true;
      } else {
        matched.add(name);
      }
    }
    if (lacksRequired) itemsMissingRequired += 1;
  }

  return {
    /** Records found items; checks the fields of those that still fit in the sample. */
    add(elements: readonly Element[], url: URL): void {
      itemsFound += elements.length;
      for (const element of elements.slice(0, Math.max(0, HEALTH_SAMPLE - sampled))) check(element, url);
    },
    /** Records what a person can see of drawn badges; those off screen cannot be judged. */
    badges(visibilities: readonly BadgeVisibility[]): void {
      for (const visibility of visibilities) {
        if (visibility === 'offscreen') continue;
        badgesChecked += 1;
        if (visibility !== 'visible') hidden[visibility] += 1;
      }
    },
    /** The report for this run. `pageUrl` keeps only origin and path. */
    report(url: URL, at: Date): AdapterHealthReport {
      return {
        adapterId: adapter.id,
        adapterVersion: adapter.version,
        site: adapter.site,
        pageUrl: `${url.origin}${url.pathname}`,
        itemsFound,
        itemsMissingRequired,
        missingFields: { ...missing },
        selectorsNeverMatched: sampled > 0 ? fields.map(([name]) => name).filter((name) => !matched.has(name)) : [],
        badgesChecked,
        badgesHidden: { ...hidden },
        at: at.toISOString(),
      };
    },
  };
}
