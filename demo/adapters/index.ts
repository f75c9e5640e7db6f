import type { SiteAdapterInput } from '../../contract/adapter';
import demoReview from './demo-review.json' with { type: 'json' };

/**
 * Adapters the demo publishes through the API at start. They are not built
 * into the extension: they exercise the run-time path (pull, permission
 * request, workbench, health). Checked against the contract in demo/review.test.ts.
 */
export const DEMO_REVIEW_ADAPTER = demoReview as SiteAdapterInput;
export const demoPublishedAdapters: readonly SiteAdapterInput[] = [DEMO_REVIEW_ADAPTER];
