import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SurveyAnswer } from '../../contract';
import type { SurveyCard } from '../messaging/protocol';
import { onTabMessages, sendMessage } from '../messaging/send';
import { badgeItemValue } from '../overlay/badge-anchor';
import { findBadgeHosts } from './badge-finder';
import { createSurveyCard } from './survey-card';

const RUNNING = Symbol.for('qa-lens.surveys');
/** A card whose badge is not on the page yet looks again after these delays, then gives up. */
const PLACE_RETRIES_MS = [250, 1_000, 3_000];
/** How long the thanks stays before the card goes. */
const THANKS_MS = 3_000;

export interface SurveyBoardDeps {
  answer(card: SurveyCard, answer: SurveyAnswer, comment: string | null): Promise<void>;
  dismiss(card: SurveyCard): void;
  setTimer?: (run: () => void, ms: number) => unknown;
}

const keyOf = (card: SurveyCard) => `${card.surveyId} ${badgeItemValue(card.context)}`;

/**
 * The survey cards of one document: each (survey, item) at most once per document, placed in the
 * page's flow right after the item's badge once that badge is on the page.
 */
export function createSurveyBoard(doc: Document, signal: AbortSignal, deps: SurveyBoardDeps) {
  const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  /** Cards taken by this document, by survey and item: their host once placed, null before. */
  const taken = new Map<string, HTMLElement | null>();

  function remove(key: string): void {
    taken.get(key)?.remove();
  }

  function place(cards: SurveyCard[], attempt: number): void {
    if (signal.aborted || cards.length === 0) return;
    const hosts = findBadgeHosts(new Set(cards.map((card) => badgeItemValue(card.context))));
    const waiting: SurveyCard[] = [];
    for (const card of cards) {
      const key = keyOf(card);
      if (!taken.has(key)) continue; // cleared meanwhile
      const badge = hosts.get(badgeItemValue(card.context));
      if (!badge) {
        waiting.push(card);
        continue;
      }
      const view = createSurveyCard(doc, card, {
        submit: async (answer, comment) => {
          await deps.answer(card, answer, comment);
          view.thank();
          setTimer(() => remove(key), THANKS_MS);
        },
        dismiss: () => {
          remove(key);
          deps.dismiss(card);
        },
      });
      badge.after(view.host);
      taken.set(key, view.host);
    }
    if (waiting.length === 0) return;
    const delay = PLACE_RETRIES_MS[attempt];
    if (delay !== undefined) setTimer(() => place(waiting, attempt + 1), delay);
    // The badge never came (the item left the page): a later offer may try again.
    else for (const card of waiting) taken.delete(keyOf(card));
  }

  signal.addEventListener('abort', () => clear(), { once: true });

  function clear(): void {
    for (const key of taken.keys()) remove(key);
    taken.clear();
  }

  return {
    /** Takes the cards this document has not had yet and places them; answers how many were new. */
    show(cards: SurveyCard[]): number {
      const fresh = cards.filter((card) => !taken.has(keyOf(card)));
      for (const card of fresh) taken.set(keyOf(card), null);
      place(fresh, 0);
      return fresh.length;
    },
    /** Removes every card (another user signed in, the single-page app moved on). */
    clear,
  };
}

/**
 * Runs the survey cards in this document: loaded by the background into a frame only when a
 * survey applies to one of its items. Once per document: a second injection (two lookups racing)
 * leaves the running one in charge, unless the extension was updated and it stopped.
 */
export function startSurveys(ctx: ContentScriptContext): void {
  const scope = globalThis as { [RUNNING]?: AbortController };
  if (scope[RUNNING] && !scope[RUNNING].signal.aborted) return;
  const life = new AbortController();
  scope[RUNNING] = life;
  ctx.onInvalidated(() => life.abort());

  const board = createSurveyBoard(document, life.signal, {
    answer: async (card, answer, comment) => {
      await sendMessage('answerSurvey', { surveyId: card.surveyId, answer, comment, context: card.context });
    },
    dismiss: (card) => {
      const { site, itemKey } = card.context;
      sendMessage('dismissSurvey', { surveyId: card.surveyId, site, itemKey }).catch((error: unknown) =>
        console.warn('[QA Lens] could not record "Not now"', error),
      );
    },
  });
  onTabMessages(
    {
      showSurveys: ({ cards }) => ({ shown: board.show(cards) }),
      authChanged: () => {
        board.clear();
        return undefined;
      },
    },
    life.signal,
  );
  // The overlay starts over on a single-page app's navigation; its lookups bring the cards back.
  ctx.addEventListener(window, 'wxt:locationchange', () => board.clear());
}
