import { QUEUE_SPECS, SLOTS, type QueueSpec } from './moderation-catalog';
import { createRng, fillTemplate } from './prng';

/**
 * Review Hub: a single-page review app with 10,000 items per queue. Items are
 * a pure function of (queue, index), computed on request, never stored and
 * never part of the demo seed: the seed's items and events stay as they are.
 */

/** Site id of Review Hub, as its adapter and quality events name it. */
export const REVIEW_SITE = 'demo-review';

/** Items in every Review Hub queue. */
export const REVIEW_ITEMS_PER_QUEUE = 10_000;

/** Most items one `GET /review/api/queues/:queue/items` returns. */
export const REVIEW_MAX_LIMIT = 500;

/** Items the app loads first, and per infinite-scroll step. */
export const REVIEW_PAGE_SIZE = 50;

/** One queue of Review Hub. */
export interface ReviewQueue {
  id: 'videos' | 'posts' | 'listings';
  name: string;
  /** Item id prefix: RV-V-00001. */
  prefix: string;
}

export const REVIEW_QUEUES: readonly ReviewQueue[] = [
  { id: 'videos', name: 'Videos', prefix: 'RV-V' },
  { id: 'posts', name: 'Posts', prefix: 'RV-P' },
  { id: 'listings', name: 'Listings', prefix: 'RV-L' },
];

/** One item of a Review Hub queue, as the JSON API sends it. */
export interface ReviewItem {
  id: string;
  queue: string;
  title: string;
  category: string;
  proposedLabel: string;
  policy: string;
  author: string;
}

/**
 * The one item whose ID is hostile: index 41 (the 42nd item, otherwise
 * RV-V-00042) of `videos`, so it is on the first screen. Its `data-key`
 * attribute and id text must stay inert text.
 */
export const REVIEW_HOSTILE_ID = 'RV-V-<img src=x onerror=window.__pwned=1>';
export const REVIEW_HOSTILE_ID_QUEUE = 'videos';
export const REVIEW_HOSTILE_ID_INDEX = 41;

/** A title longer than any row: must be cut by CSS, never in the data. */
export const REVIEW_LONG_TITLE = buildLongTitle();

/**
 * Hostile strings, by kind. Every queue has them at the same positions (see
 * {@link reviewHostileKind}). A page that builds markup from item data would
 * run `window.__pwned=1`, grow a fake item, or flip the text around it.
 */
export const REVIEW_HOSTILE = {
  script: { title: '<script>window.__pwned=1</script>' },
  img: { title: '<img src=x onerror="window.__pwned=1">' },
  svg: { title: '"><svg onload=window.__pwned=1>' },
  /** U+202E RIGHT-TO-LEFT OVERRIDE: renders as "Invoice_exe.png". */
  rtl: { title: 'Invoice_\u202Egnp.exe' },
  /** Zero-width space, non-joiner, joiner, word joiner and BOM inside words. */
  'zero-width': { title: 'Fr\u200Bee gi\u200Cft c\u200Dard give\u2060away \uFEFFnow' },
  /** Stacked combining marks ("zalgo") that paint outside their line box. */
  combining: {
    title:
      'Z\u0335\u0321\u0322\u0327a\u0336\u0328\u031B\u0334l\u0337\u0358\u0360\u035Dg\u0338\u0361\u0489o\u0334\u0315\u031A\u0352 t\u0336\u0310e\u0335\u0314x\u0337\u0346t\u0338\u034B',
  },
  long: { title: REVIEW_LONG_TITLE },
  /** Markup in every free-text field: a fake item if a page used innerHTML. */
  markup: {
    title: 'Tom & Jerry\'s "best" <b>bold</b> moments',
    category: '<i>Comedy</i>',
    author: '</span></li><li class="rv-item" data-key="RV-FAKE-1">',
  },
  /** Template syntax for frameworks that interpolate text twice. */
  template: { title: "{{constructor.constructor('window.__pwned=1')()}} ${window.__pwned=1}" },
} as const satisfies Record<string, Partial<Pick<ReviewItem, 'title' | 'category' | 'author'>>>;

export type ReviewHostileKind = keyof typeof REVIEW_HOSTILE;
export const REVIEW_HOSTILE_KINDS = Object.keys(REVIEW_HOSTILE) as ReviewHostileKind[];

/** Every 5th item number from 5 to 45 shows one hostile kind each, in the first screen. */
export const REVIEW_HOSTILE_SHOWCASE_STEP = 5;
/** After the first screen, every 97th item number (97, 194 …) is hostile, cycling through the kinds. */
export const REVIEW_HOSTILE_EVERY = 97;

/**
 * Which hostile strings item `index` (0-based; item number `index + 1`)
 * carries, or null. Item numbers 5, 10 … 45 carry the kinds in
 * {@link REVIEW_HOSTILE_KINDS} order; then numbers 97, 194 … 9,991 carry
 * kind `(n / 97 - 1) mod 9`. The same in every queue.
 */
export function reviewHostileKind(index: number): ReviewHostileKind | null {
  const n = index + 1;
  const showcase = REVIEW_HOSTILE_KINDS.length * REVIEW_HOSTILE_SHOWCASE_STEP;
  if (n <= showcase) {
    return n % REVIEW_HOSTILE_SHOWCASE_STEP === 0 ? REVIEW_HOSTILE_KINDS[n / REVIEW_HOSTILE_SHOWCASE_STEP - 1]! : null;
  }
  if (n % REVIEW_HOSTILE_EVERY !== 0) return null;
  return REVIEW_HOSTILE_KINDS[(n / REVIEW_HOSTILE_EVERY - 1) % REVIEW_HOSTILE_KINDS.length]!;
}

const AUTHOR_FIRST = ['amira', 'ben', 'chen', 'dana', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'jo', 'kofi', 'lena'];
const AUTHOR_LAST = ['k', 'reyes', 'okafor', 'lindqvist', 'tanaka', 'moreau', 'novak', 'silva', 'haddad', 'park'];

/** The queue by id, or undefined. */
export function reviewQueue(id: string): ReviewQueue | undefined {
  return REVIEW_QUEUES.find((queue) => queue.id === id);
}

/** Item id for an index, ignoring the one hostile id: RV-V-00001 for index 0. */
export function reviewItemId(queue: ReviewQueue, index: number): string {
  return `${queue.prefix}-${String(index + 1).padStart(5, '0')}`;
}

/**
 * Item `index` (0-based) of a queue. Pure: the same arguments give the same
 * item on every machine, without generating the items before it.
 */
export function reviewItem(queueId: string, index: number): ReviewItem {
  const queue = reviewQueue(queueId);
  if (!queue) throw new Error(`reviewItem: unknown queue "${queueId}"`);
  if (!Number.isInteger(index) || index < 0 || index >= REVIEW_ITEMS_PER_QUEUE) {
    throw new RangeError(`reviewItem: index ${index} out of range`);
  }
  const spec = specFor(queue);
  // One small generator per item: item 9,999 costs no more than item 0.
  const queueSalt = REVIEW_QUEUES.indexOf(queue) + 1;
  const rng = createRng((0x5eed_0100 + Math.imul(queueSalt, 0x01000193) + Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const policyWeights = Object.fromEntries(Object.entries(spec.policies).map(([id, p]) => [id, p.weight]));
  const policy = rng.weighted(policyWeights);
  const policySpec = spec.policies[policy]!;
  const benign = rng.chance(0.32);
  const [template, category] = benign
    ? rng.pick(spec.benignTitles)
    : [rng.pick(policySpec.titles), rng.pick(policySpec.categories)];
  const title = fillTemplate(rng, template, SLOTS);
  const proposedLabel = benign && rng.chance(0.8) ? 'approve' : rng.weighted(policySpec.labels);
  const author = `${rng.pick(AUTHOR_FIRST)}.${rng.pick(AUTHOR_LAST)}${rng.int(1, 99)}`;
  const item: ReviewItem = {
    id: reviewItemId(queue, index),
    queue: queue.id,
    title: title.charAt(0).toUpperCase() + title.slice(1),
    category,
    proposedLabel,
    policy,
    author,
  };
  const kind = reviewHostileKind(index);
  if (kind) Object.assign(item, REVIEW_HOSTILE[kind]);
  if (queue.id === REVIEW_HOSTILE_ID_QUEUE && index === REVIEW_HOSTILE_ID_INDEX) item.id = REVIEW_HOSTILE_ID;
  return item;
}

/** Items `offset` to `offset + limit - 1` of a queue, cut at the end of the queue. */
export function reviewItems(queueId: string, offset: number, limit: number): ReviewItem[] {
  if (!reviewQueue(queueId)) throw new Error(`reviewItems: unknown queue "${queueId}"`);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`reviewItems: bad offset ${offset} or limit ${limit}`);
  }
  const end = Math.min(REVIEW_ITEMS_PER_QUEUE, offset + limit);
  const items: ReviewItem[] = [];
  for (let index = offset; index < end; index++) items.push(reviewItem(queueId, index));
  return items;
}

function specFor(queue: ReviewQueue): QueueSpec {
  const spec = QUEUE_SPECS.find((s) => s.id === queue.id);
  if (!spec) throw new Error(`no title catalog for queue "${queue.id}"`);
  return spec;
}

function buildLongTitle(): string {
  const words = 'Extremely long title that keeps going so the row has to cut it with an ellipsis'.split(' ');
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 5_200; i++) {
    const word = `${words[i % words.length]!}${i % words.length === words.length - 1 ? ` (${i + 1})` : ''}`;
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}
