import { ARCHETYPES, BOARDS, LOCALES, QUERY_FAMILIES, QUERY_SLOTS, type Archetype } from './search-catalog';
import { fillTemplate, type Rng } from './prng';
import type { SearchResult, SearchTask } from './types';

/** Tasks generated for the rating tool. */
export const TASK_COUNT = 200;
/** Results per task, as the tool shows them. */
export const RESULTS_PER_TASK = 10;

/** How contested a result is among raters; drives event count and disagreement. */
export type ResultDifficulty = 'untouched' | 'normal' | 'hard';

/** A result plus what the event generator needs to know about it. */
export interface PlannedResult {
  task: SearchTask;
  result: SearchResult;
  /** Index into RATING_LABELS of the rating consensus would give. */
  trueRating: number;
  difficulty: ResultDifficulty;
}

/** Generates the tasks with unique queries, in id order. */
export function planSearchTasks(rng: Rng): { tasks: SearchTask[]; results: PlannedResult[] } {
  const tasks: SearchTask[] = [];
  const results: PlannedResult[] = [];
  const seen = new Set<string>();
  while (tasks.length < TASK_COUNT) {
    const family = rng.pick(QUERY_FAMILIES);
    const query = fillTemplate(rng, rng.pick(family.templates), QUERY_SLOTS);
    if (seen.has(query)) continue;
    seen.add(query);
    const id = `T-${String(tasks.length + 1).padStart(4, '0')}`;
    const task: SearchTask = { id, query, queue: family.queue, locale: rng.weighted(LOCALES), results: [] };
    const usedDomains = new Set<string>();
    const perArchetype = new Map<string, number>();
    for (let position = 1; position <= RESULTS_PER_TASK; position++) {
      const spec = pickArchetype(rng, family.queue, perArchetype);
      const domain = pickDomain(rng, spec, usedDomains);
      const result = buildResult(rng, spec, domain, query, `${id}-R${String(position).padStart(2, '0')}`, position);
      task.results.push(result);
      // Good results cluster at the top, but archetype and noise keep it from being a staircase.
      const raw = 3.6 - (position - 1) * 0.3 + spec.quality + (rng.next() * 1.6 - 0.8);
      results.push({
        task,
        result,
        trueRating: Math.max(0, Math.min(4, Math.round(raw))),
        difficulty: rng.weighted<ResultDifficulty>({ untouched: 20, normal: 68, hard: 12 }),
      });
    }
    tasks.push(task);
  }
  return { tasks, results };
}

/** Real result pages mix sources, so each kind has a per-task cap. */
function pickArchetype(rng: Rng, queue: string, perArchetype: Map<string, number>): Archetype {
  const weights: Record<string, number> = {};
  for (const a of ARCHETYPES) {
    const weight = a.weights[queue] ?? 0;
    if (weight > 0 && (perArchetype.get(a.id) ?? 0) < a.maxPerTask) weights[a.id] = weight;
  }
  const id = rng.weighted(weights);
  perArchetype.set(id, (perArchetype.get(id) ?? 0) + 1);
  return ARCHETYPES.find((a) => a.id === id)!;
}

function pickDomain(rng: Rng, spec: Archetype, used: Set<string>): string {
  const free = spec.domains.filter((d) => !used.has(d));
  const domain = rng.pick(free.length > 0 ? free : spec.domains);
  used.add(domain);
  return domain;
}

function buildResult(
  rng: Rng,
  spec: Archetype,
  domain: string,
  query: string,
  id: string,
  position: number,
): SearchResult {
  const site = siteName(domain);
  // One board per result, so a forum title and its URL agree.
  const board = rng.pick(BOARDS);
  const vars: Record<string, readonly string[]> = {
    Q: [titleCase(query)],
    q: [query],
    site: [site],
    n: ['2', '3', '4', '5', '6', '7', '8', '9'],
    year: ['2025', '2026'],
    board: [board],
    duration: ['3:41', '7:15', '12:08', '5:52', '18:30', '9:04'],
  };
  return {
    id,
    position,
    title: fillTemplate(rng, rng.pick(spec.titles), vars),
    url: `https://${domain}${resultPath(rng, spec.id, query, board)}`,
    snippet: fillTemplate(rng, rng.pick(spec.snippets), vars),
  };
}

function resultPath(rng: Rng, archetype: string, query: string, board: string): string {
  const slug = query
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  switch (archetype) {
    case 'guide':
      return `/guides/${slug}`;
    case 'encyclopedia':
      return `/wiki/${titleCase(query).replace(/[^A-Za-z0-9]+/g, '_')}`;
    case 'forum':
      return `/r/${board}/comments/${token(rng, 6)}/${slug}`;
    case 'video':
      return `/watch?v=${token(rng, 11)}`;
    case 'retailer':
      return `/c/${slug}?sort=rating`;
    case 'news':
      return `/${rng.pick(['2025', '2026'])}/${String(rng.int(1, 12)).padStart(2, '0')}/${slug}`;
    case 'directory':
      return `/search/${slug}`;
    case 'maps':
      return `/place/${slug}/@${rng.int(10, 59)}.${rng.int(1000, 9999)},${rng.int(-120, 30)}.${rng.int(1000, 9999)}`;
    case 'review':
    case 'health':
      return `/${slug}`;
    default:
      return `/${slug}-best-top-10.html`;
  }
}

function token(rng: Rng, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

function siteName(domain: string): string {
  const base = domain.replace(/\.example$/, '').replace(/-/g, ' ');
  return base.replace(/\b\w/g, (c) => c.toUpperCase()).replace(/ /g, '');
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'to', 'of', 'in', 'vs', 'near', 'for', 'on', 'under']);

function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}
