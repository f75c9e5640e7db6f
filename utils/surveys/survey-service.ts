import type { ItemField } from '../../contract';
import type { AppDB } from '../db/app-db';
import type { ItemState, SurveyCard } from '../messaging/protocol';
import { itemRefKey } from '../items/ref-key';
import { findOffers, type SurveyOffer } from './survey-offers';
import { showInFrame, type FrameTarget } from './survey-frames';

/** An item a content script looked up, with the fields it sent. */
export interface LookedUpItem {
  site: string;
  itemKey: string;
  fields?: Partial<Record<ItemField, string>>;
}

export interface SurveyServiceDeps {
  db: AppDB;
  /** The signed-in user's id, or null. */
  userId: () => Promise<string | null>;
  /** Shows cards in a frame (injecting the survey script the first time). */
  show?: (target: FrameTarget, cards: SurveyCard[]) => Promise<unknown>;
  now?: () => number;
}

export type SurveyService = ReturnType<typeof createSurveyService>;

/** The card a frame shows for one offer. */
export function cardOf({ survey, context }: SurveyOffer): SurveyCard {
  return {
    surveyId: survey.id,
    question: survey.question,
    kind: survey.kind,
    scale: survey.scale,
    options: survey.options,
    allowComment: survey.allowComment,
    context,
  };
}

/** Decides, after each lookup a frame makes, which surveys it shows, and shows them. */
export function createSurveyService({ db, userId, show = showInFrame, now = Date.now }: SurveyServiceDeps) {
  return {
    /**
     * Offers the surveys that apply to the items a frame just looked up. `states` is the lookup's
     * answer: the policies of items whose summary is known take part in targeting. Nothing is sent,
     * and no script is loaded, when no survey applies.
     */
    async offer(
      target: FrameTarget & { url: string },
      items: readonly LookedUpItem[],
      states: readonly ItemState[],
    ): Promise<SurveyOffer[]> {
      const ownerId = await userId();
      if (!ownerId) return [];
      const policies = new Map(states.map((state) => [itemRefKey(state), state.summary?.policies ?? []]));
      const offers = await findOffers(db, {
        ownerId,
        items: items.map((item) => ({
          site: item.site,
          itemKey: item.itemKey,
          fields: item.fields ?? {},
          policies: policies.get(itemRefKey(item)) ?? [],
        })),
        pageUrl: target.url,
        now: new Date(now()),
      });
      if (offers.length > 0) await show({ tabId: target.tabId, frameId: target.frameId }, offers.map(cardOf));
      return offers;
    },
  };
}
