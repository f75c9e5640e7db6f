import MiniSearch, { type SearchResult } from 'minisearch';
import type { GuidelineSection, GuidelineVersionRecord, ItemField } from '../../contract';

/*
 * Which guideline sections apply to an item, best first. Pure TypeScript (no DOM, no extension APIs):
 * it runs in the background and on extension pages, never in the always-loaded content script.
 *
 * Ranking is lexicographic: a section tagged with one of the item's policies comes before any that is
 * not; then a category match (the item's category, or its queue); then a label match; then full-text
 * relevance of the item's title, query and other fields over the section's heading, keywords and body
 * (MiniSearch). Ties fall to the guideline id and the section's place in its version, so the same
 * input always gives the same order.
 */

/** The part of a guideline version the matcher reads. */
export type MatchableVersion = Pick<
  GuidelineVersionRecord,
  'guidelineId' | 'site' | 'version' | 'effectiveFrom' | 'revision' | 'sections'
>;

/** What the matcher knows of an item: its site, the policies its quality summary names, and the fields the adapter read. */
export interface MatchItem {
  site: string;
  policies: readonly string[];
  fields: Partial<Record<ItemField, string | number>>;
}

/** Why a section matched. */
export type MatchReason = 'policy' | 'category' | 'label' | 'text';

/** One section that applies to the item, with the version it comes from. */
export interface RankedSection {
  guidelineId: string;
  version: string;
  effectiveFrom: string;
  section: GuidelineSection;
  /** Structured reasons first, in ranking order; `text` when full text found it too. */
  reasons: MatchReason[];
  /** MiniSearch's relevance; 0 when full text did not find it. */
  textScore: number;
}

interface IndexedSection {
  key: string;
  site: string;
  heading: string;
  body: string;
  keywords: string;
}

interface Entry {
  version: MatchableVersion;
  section: GuidelineSection;
  /** Place in its version, for the tie-break. */
  index: number;
  policies: Set<string>;
  categories: Set<string>;
  labels: Set<string>;
}

/**
 * Item fields whose text is searched. Category, label and queue are matched as tags instead: as free
 * text a label such as "remove" would find every section that says "removed".
 */
const TEXT_FIELDS: readonly ItemField[] = ['title', 'query'];

// A short list is enough: MiniSearch ranks by BM25, so common words weigh little, but a query made
// only of them ("how to …") should not pull in every section that says "to".
const STOP_WORDS = new Set(
  'a an and are as at be but by can for from how i in is it its near of on or that the their this to was what when where which who why will with you your'.split(
    ' ',
  ),
);

/** An index over one set of guideline versions (e.g. the versions in force); build once, rank many items. */
export class GuidelineMatcher {
  private readonly entries = new Map<string, Entry>();
  private readonly search: MiniSearch<IndexedSection>;

  constructor(versions: readonly MatchableVersion[]) {
    this.search = new MiniSearch<IndexedSection>({
      idField: 'key',
      fields: ['heading', 'keywords', 'body'],
      storeFields: ['site'],
      processTerm: (term) => {
        const lower = term.toLowerCase();
        return STOP_WORDS.has(lower) ? null : lower;
      },
      searchOptions: {
        boost: { heading: 2, keywords: 2 },
        // Short words stay exact: "day" would otherwise find "days" and "may", and "vlog" "blog".
        prefix: (term) => term.length >= 5,
        fuzzy: (term) => (term.length >= 7 ? 0.15 : false),
        combineWith: 'OR',
      },
    });
    const documents: IndexedSection[] = [];
    for (const version of versions) {
      version.sections.forEach((section, index) => {
        const key = `${version.guidelineId}\u0000${version.version}\u0000${section.id}`;
        this.entries.set(key, {
          version,
          section,
          index,
          policies: new Set(section.policies),
          categories: normalisedSet(section.categories),
          labels: normalisedSet(section.labels),
        });
        documents.push({
          key,
          site: version.site,
          heading: section.heading,
          body: section.body,
          keywords: section.keywords.join(' '),
        });
      });
    }
    this.search.addAll(documents);
  }

  /** The sections of the item's site that apply to it, best first; at most `limit`. */
  rank(item: MatchItem, limit = 10): RankedSection[] {
    const category = normalise(item.fields.category);
    const queue = normalise(item.fields.queue);
    const label = normalise(item.fields.label);
    const scores = this.textScores(item);

    const ranked: { entry: Entry; reasons: MatchReason[]; textScore: number }[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.version.site !== item.site) continue;
      const reasons: MatchReason[] = [];
      if (item.policies.some((policy) => entry.policies.has(policy))) reasons.push('policy');
      if ((category && entry.categories.has(category)) || (queue && entry.categories.has(queue))) {
        reasons.push('category');
      }
      if (label && entry.labels.has(label)) reasons.push('label');
      const textScore = scores.get(key) ?? 0;
      if (textScore > 0) reasons.push('text');
      if (reasons.length > 0) ranked.push({ entry, reasons, textScore });
    }
    ranked.sort(
      (a, b) =>
        Number(b.reasons.includes('policy')) - Number(a.reasons.includes('policy')) ||
        Number(b.reasons.includes('category')) - Number(a.reasons.includes('category')) ||
        Number(b.reasons.includes('label')) - Number(a.reasons.includes('label')) ||
        b.textScore - a.textScore ||
        a.entry.version.guidelineId.localeCompare(b.entry.version.guidelineId) ||
        a.entry.index - b.entry.index,
    );
    return ranked.slice(0, limit).map(({ entry, reasons, textScore }) => ({
      guidelineId: entry.version.guidelineId,
      version: entry.version.version,
      effectiveFrom: entry.version.effectiveFrom,
      section: entry.section,
      reasons,
      textScore,
    }));
  }

  private textScores(item: MatchItem): Map<string, number> {
    const text = TEXT_FIELDS.map((field) => item.fields[field])
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
      .join(' ');
    const scores = new Map<string, number>();
    if (text === '') return scores;
    const results: SearchResult[] = this.search.search(text, { filter: (result) => result.site === item.site });
    for (const result of results) scores.set(String(result.id), result.score);
    return scores;
  }
}

let cached: { key: string; matcher: GuidelineMatcher } | undefined;

/**
 * The matcher for `versions`, reused while the same versions are passed: versions are immutable, so
 * their ids and revisions name their content, and the index is built once per set.
 */
export function matcherFor(versions: readonly MatchableVersion[]): GuidelineMatcher {
  const key = versions.map((v) => `${v.guidelineId}\u0000${v.version}\u0000${v.revision}`).join('\u0001');
  if (cached?.key !== key) cached = { key, matcher: new GuidelineMatcher(versions) };
  return cached.matcher;
}

function normalise(value: string | number | undefined): string {
  return value === undefined ? '' : String(value).trim().toLowerCase();
}

function normalisedSet(values: readonly string[]): Set<string> {
  return new Set(values.map(normalise));
}
