import { surveyApplies, SurveyResponseContext, type ItemField, type SyncedSurvey } from '../../contract';
import type { AppDB, StoredSurvey } from '../db/app-db';
import { matchItemSections, type MatchedSection } from '../guidelines/item-sections';

/*
 * Which surveys a page shows on which of its items. Decided in the background from IndexedDB alone
 * (so offline too), never in the page: the contract's targeting (`surveyMatches`) and sampling
 * (`inSample`), minus what this user already answered or dismissed for that item.
 */

/** An item a page looked up, with what the background knows of it. */
export interface OfferItem {
  site: string;
  itemKey: string;
  /** The fields the adapter read (empty where the page did not send them). */
  fields: Partial<Record<ItemField, string>>;
  /** The policies the item's quality summary names (none until its summary is known). */
  policies: readonly string[];
}

/** One survey to show on one item, with the context its answer will carry. */
export interface SurveyOffer {
  survey: StoredSurvey;
  context: SurveyResponseContext;
}

export interface OfferQuery {
  ownerId: string;
  items: readonly OfferItem[];
  /** The page the items are on (the asking frame's URL). */
  pageUrl: string | null;
  now: Date;
}

/** Surveys that may be shown at `now`: active, in their window, cap not reached. Oldest first. */
export async function openSurveys(db: AppDB, now: Date): Promise<StoredSurvey[]> {
  const at = now.getTime();
  const surveys = await db.surveys.toArray();
  return surveys
    .filter(
      (survey) =>
        survey.status === 'active' &&
        !survey.capReached &&
        Date.parse(survey.window.startsAt) <= at &&
        at < Date.parse(survey.window.endsAt),
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The sites among `sites` that a survey open at `now` may target (a page sends item fields there). */
export async function surveySites(db: AppDB, sites: readonly string[], now: Date): Promise<string[]> {
  const surveys = await openSurveys(db, now);
  return sites.filter((site) => surveys.some((s) => s.target.sites.length === 0 || s.target.sites.includes(site)));
}

/** A survey and an item it applies to, before the answered and dismissed ones are left out. */
interface Candidate {
  survey: StoredSurvey;
  item: OfferItem;
  policy: string | null;
  /** Computed only when the survey targets sections. */
  sections: MatchedSection[] | null;
}

/**
 * The surveys to show on these items: for each item, the oldest open survey that applies to it and
 * this user (targeting and sampling) and that they have neither answered nor dismissed for it. One
 * survey per item at a time: a second one waits until the first is answered or dismissed.
 */
export async function findOffers(db: AppDB, { ownerId, items, pageUrl, now }: OfferQuery): Promise<SurveyOffer[]> {
  const surveys = await openSurveys(db, now);
  if (surveys.length === 0) return [];
  const sections = sectionCache(db, now);
  const candidates: Candidate[] = [];
  for (const item of items) {
    for (const survey of surveys) {
      const policy = policyFor(survey, item.policies);
      const targeted = survey.target.sections.length > 0 ? await sections(item) : null;
      const probe = {
        site: item.site,
        itemKey: item.itemKey,
        queue: item.fields.queue ?? null,
        policy,
        sectionIds: targeted?.map((match) => match.section.id) ?? [],
        fields: item.fields,
      };
      if (surveyApplies(survey, probe, ownerId, now)) candidates.push({ survey, item, policy, sections: targeted });
    }
  }
  const open = await withoutAnsweredOrDismissed(db, ownerId, candidates);
  const offers: SurveyOffer[] = [];
  const offered = new Set<string>();
  for (const candidate of open) {
    const key = `${candidate.item.site}\u0000${candidate.item.itemKey}`;
    if (offered.has(key)) continue;
    const context = contextOf(candidate, candidate.sections ?? (await sections(candidate.item)), pageUrl);
    if (!context) continue;
    offered.add(key);
    offers.push({ survey: candidate.survey, context });
  }
  return offers;
}

/** The policy an answer is filed under: one the survey targets, else the item's first. */
function policyFor(survey: SyncedSurvey, policies: readonly string[]): string | null {
  const targeted = survey.target.policies;
  if (targeted.length === 0) return policies[0] ?? null;
  return policies.find((policy) => targeted.includes(policy)) ?? null;
}

/** Each item's matched guideline sections, ranked once per item and only when asked for. */
function sectionCache(db: AppDB, now: Date) {
  const cache = new Map<string, Promise<MatchedSection[]>>();
  return (item: OfferItem): Promise<MatchedSection[]> => {
    const key = `${item.site}\u0000${item.itemKey}`;
    let sections = cache.get(key);
    if (!sections) {
      sections = matchItemSections(db, { site: item.site, policies: item.policies, fields: item.fields }, now);
      cache.set(key, sections);
    }
    return sections;
  };
}

/** Leaves out the (survey, item) pairs this user answered (on any device, pending included) or dismissed. */
async function withoutAnsweredOrDismissed(db: AppDB, ownerId: string, candidates: Candidate[]): Promise<Candidate[]> {
  if (candidates.length === 0) return [];
  const keys = candidates.map(
    ({ survey, item }) => [ownerId, survey.id, item.site, item.itemKey] as [string, string, string, string],
  );
  const [answered, dismissed] = await Promise.all([
    db.surveyResponses.where('[ownerId+surveyId+site+itemKey]').anyOf(keys).toArray(),
    db.surveyDismissals.bulkGet(keys),
  ]);
  const done = new Set(answered.map((r) => [r.surveyId, r.site, r.itemKey].join('\u0000')));
  return candidates.filter(
    ({ survey, item }, i) => !dismissed[i] && !done.has([survey.id, item.site, item.itemKey].join('\u0000')),
  );
}

/**
 * What an answer on this item will carry: the item, its queue and policy, the guideline section it
 * was asked beside (one the survey targets, else the best match) and the page. Checked with the
 * contract now, so the API never refuses it for its context; text the store cannot hold in the
 * fields or the URL drops those parts rather than the survey.
 */
function contextOf(
  { survey, item, policy }: Candidate,
  sections: MatchedSection[],
  pageUrl: string | null,
): SurveyResponseContext | null {
  const targeted = survey.target.sections;
  const section = targeted.length > 0 ? sections.find((m) => targeted.includes(m.section.id)) : sections[0];
  const context = {
    site: item.site,
    itemKey: item.itemKey,
    queue: item.fields.queue ?? null,
    policy,
    sectionId: section?.section.id ?? null,
    guidelineVersion: section?.version.version ?? null,
    pageUrl,
    fields: Object.keys(item.fields).length > 0 ? item.fields : null,
  };
  const full = SurveyResponseContext.safeParse(context);
  if (full.success) return full.data;
  const bare = SurveyResponseContext.safeParse({ ...context, pageUrl: null, fields: null });
  return bare.success ? bare.data : null;
}
