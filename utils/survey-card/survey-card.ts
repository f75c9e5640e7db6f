import type { SurveyAnswer } from '../../contract';
import { i18n } from '../i18n';
import type { SurveyCard } from '../messaging/protocol';
import { SURVEY_CARD_CSS } from './survey-card-style';

/** Tag of every survey card's host: not a badge's, so nothing that counts badges counts cards. */
export const SURVEY_TAG = 'qa-lens-survey';

/** What the card does when the user answers or puts it off. */
export interface CardActions {
  /** Saves the answer; rejects with the reason it was not saved. */
  submit(answer: SurveyAnswer, comment: string | null): Promise<void>;
  /** "Not now" or Escape. */
  dismiss(): void;
}

/** A card on the page. */
export interface SurveyCardView {
  host: HTMLElement;
  /** Replaces the question with the thanks (a polite live region). */
  thank(): void;
}

/** Each card host's shadow root: this script's own way in, since the root is closed to everyone else. */
const roots = new WeakMap<Element, ShadowRoot>();

/** The shadow root of a card this script drew (tests read the card through it). */
export function surveyCardRoot(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

/** Events that stop at the card: the page's shortcuts and item clicks must not see typing or answering. */
const CONTAINED = ['keydown', 'keyup', 'keypress', 'click', 'mousedown', 'pointerdown'];

interface Choice {
  label: string;
  answer: SurveyAnswer;
}

/** The answers a card offers, in order, with their labels in the UI language (analysts' words as they wrote them). */
function choicesOf(card: SurveyCard): Choice[] {
  switch (card.kind) {
    case 'yes_no':
      return [
        { label: i18n.t('survey.answerYes'), answer: true },
        { label: i18n.t('survey.answerNo'), answer: false },
      ];
    case 'choice':
      return (card.options ?? []).map((option) => ({ label: option.label, answer: option.id }));
    case 'scale': {
      const scale = card.scale;
      if (!scale) return [];
      return Array.from({ length: scale.max - scale.min + 1 }, (_, i) => {
        const value = scale.min + i;
        const word = value === scale.min ? scale.minLabel : value === scale.max ? scale.maxLabel : null;
        const label = word ? i18n.t('survey.scaleEnd', { value: String(value), label: word }) : String(value);
        return { label, answer: value };
      });
    }
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Partial<Pick<HTMLElement, 'className' | 'textContent' | 'id'>> = {},
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  Object.assign(node, props);
  return node;
}

/**
 * A survey card: a host with a closed shadow root holding a form (the question as the legend of a
 * radio group, an optional comment, Send and Not now). Built from elements and text only; every
 * string from the API is set as text. Keyboard: arrows choose, Enter or Send submits, Escape or Not
 * now dismisses.
 */
export function createSurveyCard(doc: Document, card: SurveyCard, actions: CardActions): SurveyCardView {
  const host = doc.createElement(SURVEY_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  roots.set(host, shadow);
  const style = element(doc, 'style', { textContent: SURVEY_CARD_CSS });
  const form = element(doc, 'form', { className: 'card' });
  form.noValidate = true;
  form.setAttribute('aria-label', i18n.t('survey.heading'));
  const brand = element(doc, 'p', { className: 'brand', textContent: i18n.t('survey.heading') });
  brand.setAttribute('aria-hidden', 'true');

  const fieldset = element(doc, 'fieldset');
  const legend = element(doc, 'legend', { textContent: card.question });
  const options = element(doc, 'div', { className: 'options' });
  options.dataset['kind'] = card.kind;
  const radios = choicesOf(card).map(({ label, answer }, index) => {
    const wrapper = element(doc, 'label', { className: 'option' });
    const input = element(doc, 'input');
    input.type = 'radio';
    input.name = 'answer';
    input.value = String(index);
    wrapper.append(input, element(doc, 'span', { textContent: label }));
    options.append(wrapper);
    return { input, answer };
  });
  fieldset.append(legend, options);

  let comment: HTMLTextAreaElement | null = null;
  const parts: HTMLElement[] = [brand, fieldset];
  if (card.allowComment) {
    const label = element(doc, 'label', { className: 'comment', textContent: i18n.t('survey.comment') });
    comment = element(doc, 'textarea');
    comment.rows = 2;
    // SURVEY_COMMENT_MAX: the constant lives beside zod, which this script must not load.
    comment.maxLength = 1000;
    label.append(comment);
    // The comment box appears once an answer is chosen: until then the card stays two lines high.
    label.hidden = true;
    options.addEventListener('change', () => (label.hidden = false));
    parts.push(label);
  }
  const send = element(doc, 'button', { textContent: i18n.t('survey.send') });
  send.type = 'submit';
  const later = element(doc, 'button', { className: 'secondary', textContent: i18n.t('survey.notNow') });
  later.type = 'button';
  const actionsRow = element(doc, 'div', { className: 'actions' });
  actionsRow.append(send, later);
  const status = element(doc, 'p', { className: 'status' });
  status.setAttribute('role', 'status');
  parts.push(actionsRow, status);
  form.append(...parts);
  shadow.append(style, form);

  const say = (text: string, tone: 'info' | 'error' = 'info') => {
    status.dataset['tone'] = tone;
    status.textContent = text;
  };
  const setBusy = (busy: boolean) => {
    for (const control of [send, later, comment, ...radios.map((r) => r.input)]) if (control) control.disabled = busy;
  };

  async function submit(): Promise<void> {
    const chosen = radios.find((radio) => radio.input.checked);
    if (!chosen) {
      say(i18n.t('survey.chooseFirst'), 'error');
      radios[0]?.input.focus();
      return;
    }
    setBusy(true);
    try {
      await actions.submit(chosen.answer, comment?.value.trim() ? comment.value : null);
    } catch (error) {
      setBusy(false);
      say(i18n.t('survey.failed', { message: error instanceof Error ? error.message : String(error) }), 'error');
    }
  }

  for (const type of CONTAINED) form.addEventListener(type, (event) => event.stopPropagation());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      actions.dismiss();
    } else if (event.key === 'Enter' && (event.target as HTMLElement | null)?.localName === 'input') {
      // A radio group does not submit its form on Enter by itself.
      event.preventDefault();
      void submit();
    }
  });
  later.addEventListener('click', () => actions.dismiss());

  return {
    host,
    thank() {
      const done = element(doc, 'p', { className: 'done', textContent: i18n.t('survey.thanks') });
      done.setAttribute('role', 'status');
      done.tabIndex = -1;
      const hadFocus = form.contains(shadow.activeElement);
      form.replaceChildren(done);
      if (hadFocus) done.focus();
    },
  };
}
