import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SurveyCard } from '../../utils/messaging/protocol';
import { registerBadgeHost } from '../../utils/overlay/badge-anchor';
import { SURVEY_TAG, surveyCardRoot } from '../../utils/survey-card/survey-card';
import { createSurveyBoard } from '../../utils/survey-card/survey-page';

const SURVEY_ID = '01960000-0000-7000-8000-000000000001';

const card = (itemKey: string, overrides: Partial<SurveyCard> = {}): SurveyCard => ({
  surveyId: SURVEY_ID,
  question: 'Was the <b>hate-speech</b> section clear for this item?',
  kind: 'yes_no',
  scale: null,
  options: null,
  allowComment: true,
  context: { site: 'demo-moderation', itemKey, queue: 'posts' },
  ...overrides,
});

/** A demo card with a badge host after its id, as the overlay places it. */
function item(itemKey: string, root: ParentNode = document.body): HTMLElement {
  const article = document.createElement('article');
  article.dataset.itemId = itemKey;
  const id = document.createElement('span');
  id.className = 'mq-card__id';
  const badge = document.createElement('qa-lens-badge');
  registerBadgeHost({ site: 'demo-moderation', itemKey }, badge);
  const title = document.createElement('h2');
  article.append(id, badge, title);
  root.append(article);
  return article;
}

const cardIn = (article: Element) => article.querySelector(SURVEY_TAG);
const root = (article: Element) => surveyCardRoot(cardIn(article)!)!;
const radio = (article: Element, name: string) =>
  [...root(article).querySelectorAll('label')].find((l) => l.textContent === name)!.querySelector('input')!;
const button = (article: Element, name: string) =>
  [...root(article).querySelectorAll('button')].find((b) => b.textContent === name)!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('survey cards on the page', () => {
  let life: AbortController;
  const answer = vi.fn(async () => undefined);
  const dismiss = vi.fn();
  let timers: { run: () => void; ms: number }[];
  const board = () =>
    createSurveyBoard(document, life.signal, { answer, dismiss, setTimer: (run, ms) => timers.push({ run, ms }) });

  beforeEach(() => {
    document.body.replaceChildren();
    life = new AbortController();
    answer.mockReset();
    answer.mockResolvedValue(undefined);
    dismiss.mockReset();
    timers = [];
  });
  afterEach(() => life.abort());

  it('sits in the flow right after the item’s badge, once per survey and item, with the question as text', () => {
    const first = item('PST-00001');
    const second = item('PST-00002');
    const surveys = board();
    expect(surveys.show([card('PST-00001')])).toBe(1);
    expect(surveys.show([card('PST-00001'), card('PST-00002')])).toBe(1);

    for (const article of [first, second]) {
      const host = cardIn(article)!;
      expect(host.previousElementSibling?.localName).toBe('qa-lens-badge');
      expect(host.nextElementSibling?.localName).toBe('h2');
    }
    expect(document.querySelectorAll(SURVEY_TAG)).toHaveLength(2);
    // The analyst's words are text, never markup; the page sees no content in the host.
    const legend = root(first).querySelector('legend')!;
    expect(legend.textContent).toBe('Was the <b>hate-speech</b> section clear for this item?');
    expect(legend.children).toHaveLength(0);
    expect(cardIn(first)!.shadowRoot).toBeNull();
    expect(root(first).querySelector('style')!.textContent).not.toMatch(/position:\s*(fixed|absolute)/);
  });

  it('waits for a badge drawn later, and finds one inside an open shadow root', () => {
    const surveys = board();
    expect(surveys.show([card('PST-00003'), card('PST-00004')])).toBe(2);
    expect(document.querySelectorAll(SURVEY_TAG)).toHaveLength(0);
    const later = item('PST-00003');
    const component = document.createElement('div');
    document.body.append(component);
    const inner = item('PST-00004', component.attachShadow({ mode: 'open' }));
    timers.shift()!.run();
    expect(cardIn(later)).not.toBeNull();
    expect(cardIn(inner)).not.toBeNull();
  });

  it('gives up on a badge that never comes, and a later offer may show the card', () => {
    const surveys = board();
    surveys.show([card('PST-00005')]);
    for (let i = 0; i < 3; i += 1) timers.shift()!.run();
    expect(timers).toHaveLength(0);
    const article = item('PST-00005');
    expect(surveys.show([card('PST-00005')])).toBe(1);
    expect(cardIn(article)).not.toBeNull();
  });

  it('sends the chosen answer and the comment, says thanks, and goes', async () => {
    const article = item('PST-00001');
    board().show([card('PST-00001')]);
    // The comment box waits for an answer, so an unanswered card stays small.
    const box = root(article).querySelector<HTMLLabelElement>('label.comment')!;
    expect(box.hidden).toBe(true);
    radio(article, 'No').click();
    expect(box.hidden).toBe(false);
    const comment = root(article).querySelector('textarea')!;
    comment.value = 'Section 1.4 does not cover quotes.';
    button(article, 'Send').click();
    await flush();

    expect(answer).toHaveBeenCalledWith(card('PST-00001'), false, 'Section 1.4 does not cover quotes.');
    expect(root(article).querySelector('[role="status"]')!.textContent).toBe('Thanks, your answer is saved.');
    expect(timers.map((t) => t.ms)).toEqual([3_000]);
    timers.shift()!.run();
    expect(cardIn(article)).toBeNull();
  });

  it('asks for an answer before sending, and says why an answer was not saved', async () => {
    const article = item('PST-00001');
    board().show([card('PST-00001')]);
    button(article, 'Send').click();
    await flush();
    expect(answer).not.toHaveBeenCalled();
    expect(root(article).querySelector('.status')!.textContent).toBe('Choose an answer first.');

    answer.mockRejectedValueOnce(new Error('this survey is closed'));
    radio(article, 'Yes').click();
    button(article, 'Send').click();
    await flush();
    expect(root(article).querySelector('.status')!.textContent).toBe(
      'Your answer was not saved: this survey is closed',
    );
    expect(button(article, 'Send').disabled).toBe(false);
  });

  it('works from the keyboard: Enter on a choice sends, Escape dismisses; the page hears no key', async () => {
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    const first = item('PST-00001');
    const second = item('PST-00002');
    board().show([
      card('PST-00001'),
      card('PST-00002', {
        kind: 'scale',
        scale: { min: 1, max: 5, minLabel: 'Unclear', maxLabel: 'Clear' },
        allowComment: false,
      }),
    ]);

    const yes = radio(first, 'Yes');
    yes.checked = true;
    yes.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await flush();
    expect(answer).toHaveBeenCalledWith(
      expect.objectContaining({ context: expect.objectContaining({ itemKey: 'PST-00001' }) }),
      true,
      null,
    );

    // The scale's ends carry their words in their names; Escape puts the card off.
    const labels = [...root(second).querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['1 (Unclear)', '2', '3', '4', '5 (Clear)']);
    expect(root(second).querySelector('textarea')).toBeNull();
    radio(second, '3').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(dismiss).toHaveBeenCalledWith(
      expect.objectContaining({ context: expect.objectContaining({ itemKey: 'PST-00002' }) }),
    );
    expect(cardIn(second)).toBeNull();
    expect(pageKeys).not.toHaveBeenCalled();
    document.removeEventListener('keydown', pageKeys);
  });

  it('"Not now" dismisses; clearing (sign-out, navigation) removes every card', () => {
    const first = item('PST-00001');
    const second = item('PST-00002');
    const surveys = board();
    surveys.show([card('PST-00001'), card('PST-00002')]);
    button(first, 'Not now').click();
    expect(dismiss).toHaveBeenCalledTimes(1);
    expect(cardIn(first)).toBeNull();
    surveys.clear();
    expect(cardIn(second)).toBeNull();
    // After a clear, the next offer shows the card again (the background decides what is still open).
    expect(surveys.show([card('PST-00002')])).toBe(1);
  });
});
