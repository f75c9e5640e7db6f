import type { ItemField } from './adapter';
import type { Survey, SyncedSurvey } from './survey-definition';
import type { SurveyAnswer, SurveyAnswerOption } from './survey-response';

/*
 * The rules the extension's background and the API share: which answers a survey takes, whether a
 * survey applies to an item, and whether a user is in its sample. Pure functions, no I/O.
 */

/** The answers a survey takes, in order, with what to call each: the one list results and checks use. */
export function answerOptions(survey: Pick<Survey, 'kind' | 'scale' | 'options'>): SurveyAnswerOption[] {
  switch (survey.kind) {
    case 'yes_no':
      return [
        { key: 'yes', label: 'Yes' },
        { key: 'no', label: 'No' },
      ];
    case 'choice':
      return (survey.options ?? []).map((option) => ({ key: option.id, label: option.label }));
    case 'scale': {
      const scale = survey.scale!;
      const points = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
      return points.map((point) => {
        const word = point === scale.min ? scale.minLabel : point === scale.max ? scale.maxLabel : null;
        return { key: String(point), label: word ? `${point} (${word})` : String(point) };
      });
    }
  }
}

/** The results key of an answer, or null when `survey` does not take it. */
export function answerKey(survey: Pick<Survey, 'kind' | 'scale' | 'options'>, answer: SurveyAnswer): string | null {
  switch (survey.kind) {
    case 'yes_no':
      return typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : null;
    case 'choice':
      return typeof answer === 'string' && (survey.options ?? []).some((o) => o.id === answer) ? answer : null;
    case 'scale': {
      const scale = survey.scale!;
      const fits = typeof answer === 'number' && Number.isInteger(answer) && answer >= scale.min && answer <= scale.max;
      return fits ? String(answer) : null;
    }
  }
}

/** What the extension knows of an item when deciding whether a survey applies to it. */
export interface SurveyItem {
  site: string;
  queue?: string | null;
  policy?: string | null;
  /** Guideline sections matched to the item. */
  sectionIds?: readonly string[] | null;
  /** The item's fields as the adapter read them. */
  fields?: Partial<Record<ItemField, string>> | null;
}

/** The parts of a survey its targeting reads. */
export type SurveyTargeting = Pick<SyncedSurvey, 'status' | 'window' | 'target'> & { capReached?: boolean };

const inList = (list: readonly string[], value: string | null | undefined) =>
  list.length === 0 || (value != null && list.includes(value));

/**
 * Whether `survey` applies to `item` at `now`: active, within its window, cap not reached, and every
 * non-empty targeting list matching (values compared exactly). Sampling is separate: `inSample`.
 */
export function surveyMatches(survey: SurveyTargeting, item: SurveyItem, now: Date): boolean {
  if (survey.status !== 'active' || survey.capReached) return false;
  const at = now.getTime();
  if (at < Date.parse(survey.window.startsAt) || at >= Date.parse(survey.window.endsAt)) return false;
  const { target } = survey;
  if (!inList(target.sites, item.site) || !inList(target.queues, item.queue) || !inList(target.policies, item.policy)) {
    return false;
  }
  if (target.sections.length > 0 && !(item.sectionIds ?? []).some((id) => target.sections.includes(id))) return false;
  return target.fields.every((entry) => {
    const value = item.fields?.[entry.field];
    return value != null && entry.values.includes(value);
  });
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: FNV-1a's high bits move little when only the last bytes differ; this mixes them. */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Whether this user sees `surveyId` on this item at sampling `rate`. Pure and stable, so every device
 * and every restart decides the same: FNV-1a (mixed) over the four parts joined by U+001F, mapped to
 * [0, 1), below `rate`. Only the item key can hold U+001F and it comes last, so the join is unambiguous.
 */
export function inSample(surveyId: string, userId: string, site: string, itemKey: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (!(rate > 0)) return false;
  const unit = mix32(fnv1a32([surveyId, userId, site, itemKey].join('\u001f'))) / 2 ** 32;
  return unit < rate;
}

/** `surveyMatches` and `inSample` together: whether to show `survey` to `userId` on `item` now. */
export function surveyApplies(
  survey: SurveyTargeting & Pick<SyncedSurvey, 'id' | 'samplingRate'>,
  item: SurveyItem & { itemKey: string },
  userId: string,
  now: Date,
): boolean {
  return surveyMatches(survey, item, now) && inSample(survey.id, userId, item.site, item.itemKey, survey.samplingRate);
}
