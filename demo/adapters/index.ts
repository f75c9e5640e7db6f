import type { SiteAdapterInput } from '../../contract/adapter';
import demoComponents from './demo-components.json' with { type: 'json' };
import demoGrid from './demo-grid.json' with { type: 'json' };
import demoReview from './demo-review.json' with { type: 'json' };

/**
 * Adapters the demo publishes through the API at start. They are not built
 * into the extension: they exercise the run-time path (pull, permission
 * request, workbench, health). Checked against the contract in demo/review.test.ts
 * and demo/reach.test.ts.
 */
export const DEMO_REVIEW_ADAPTER = demoReview as SiteAdapterInput;

/**
 * The Case Grid adapter an admin writes first: badge appended to the case-id
 * cell, where the cell's overflow clipping hides it (issue 7).
 */
export const DEMO_GRID_ADAPTER = demoGrid as SiteAdapterInput;

/**
 * The same adapter with the badge prepended to the case-id cell, where it is
 * drawn inside the cell's box; for tests that publish the fix over the original.
 */
export const DEMO_GRID_FIXED_ADAPTER: SiteAdapterInput = {
  ...DEMO_GRID_ADAPTER,
  badge: { ...DEMO_GRID_ADAPTER.badge, position: 'prepend' },
};

/** Queue Kit: rows two open shadow roots deep, reached through `item.shadowHosts`. */
export const DEMO_COMPONENTS_ADAPTER = demoComponents as SiteAdapterInput;

/** Everything scripts/stack.ts publishes at start, in order. */
export const demoPublishedAdapters: readonly SiteAdapterInput[] = [
  DEMO_REVIEW_ADAPTER,
  DEMO_GRID_ADAPTER,
  DEMO_COMPONENTS_ADAPTER,
];
