import type { GuidelinePublishRequestInput, QualityEventRow, User } from '../../contract';
import type { DemoGapReport } from './anomaly';
import type { DemoSurvey } from './surveys';

/** Site ids of the two demo tools, as quality events and adapters name them. */
export const DEMO_SITES = {
  moderation: 'demo-moderation',
  search: 'demo-search',
} as const;

/** One moderation queue of the demo console. */
export interface ModerationQueue {
  id: string;
  name: string;
  policies: string[];
}

/** One item waiting in a moderation queue (a video, a post or a product listing). */
export interface ModerationItem {
  id: string;
  queue: string;
  title: string;
  category: string;
  proposedLabel: string;
  policy: string;
  createdAt: string;
}

/** One ranked result of a search-evaluation task. */
export interface SearchResult {
  id: string;
  position: number;
  title: string;
  url: string;
  snippet: string;
}

/** One search-evaluation task: a query and its ten ranked results. */
export interface SearchTask {
  id: string;
  query: string;
  /** Rating queue the task belongs to (web, local, shopping …). */
  queue: string;
  locale: string;
  results: SearchResult[];
}

/** Everything the demo tools show and the API imports, generated from one fixed seed. */
export interface DemoSeed {
  anchor: string;
  users: User[];
  moderation: {
    site: typeof DEMO_SITES.moderation;
    queues: ModerationQueue[];
    items: ModerationItem[];
  };
  search: {
    site: typeof DEMO_SITES.search;
    tasks: SearchTask[];
  };
  events: QualityEventRow[];
  /** Two versions of each tool's guidelines, oldest first, dated like the events that cite them. */
  guidelines: GuidelinePublishRequestInput[];
  /** Micro-surveys to show on the demo tools (one, on the Posts queue). */
  surveys: DemoSurvey[];
  /** SOP gap reports filed before the demo starts: the hate-speech questions of the demo anomaly, and a trickle elsewhere. */
  gapReports: DemoGapReport[];
}
