import { browser } from 'wxt/browser';
import { askTab } from '../background/push';
import type { SurveyCard } from '../messaging/protocol';

/**
 * The survey card script, built from entrypoints/survey.content (registered nowhere: a page gets
 * it only when a survey is to be shown there).
 */
export const SURVEY_SCRIPT = '/content-scripts/survey.js';

/** One frame of one tab. */
export interface FrameTarget {
  tabId: number;
  frameId: number;
}

export interface FrameDeps {
  /** Sends the cards to the frame; true when the survey script answered. */
  tell?: (target: FrameTarget, cards: SurveyCard[]) => Promise<boolean>;
  /** Loads the survey script into the frame. */
  inject?: (target: FrameTarget) => Promise<void>;
}

const tellFrame = (target: FrameTarget, cards: SurveyCard[]) =>
  askTab(target.tabId, 'showSurveys', { cards }, { frameId: target.frameId }).then(
    () => true,
    () => false,
  );

const injectScript = async ({ tabId, frameId }: FrameTarget) => {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [SURVEY_SCRIPT] });
};

/**
 * Shows survey cards in one frame. The survey script answers once it is there; the first time it is
 * not, it is injected into that frame alone and told again. Asking first keeps a frame from loading
 * the script twice, and needs no memory of which frames have it (the service worker forgets).
 */
export async function showInFrame(
  target: FrameTarget,
  cards: SurveyCard[],
  { tell = tellFrame, inject = injectScript }: FrameDeps = {},
): Promise<boolean> {
  if (cards.length === 0) return true;
  if (await tell(target, cards)) return true;
  await inject(target);
  return tell(target, cards);
}
