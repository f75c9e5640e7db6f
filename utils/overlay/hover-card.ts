import type { ItemRef } from '../../contract/common';
import type { ItemHint } from '../messaging/protocol';
import { i18n } from '../i18n';
import { itemRefKey } from '../items/ref-key';
import { HOVER_CARD_CSS } from './hover-card-style';
import { createTopLayerHost } from './top-layer';

/** How long the pointer rests on a badge before its card opens (keyboard focus opens it at once). */
const HOVER_DELAY_MS = 250;
/** How long the card stays after the pointer leaves the badge, so it can reach the card's button. */
const CLOSE_GRACE_MS = 300;
/** Answers kept for this page run, so a second hover shows at once. */
const MAX_CACHED = 200;

/** What the card shows first, from the badge's own state (before the background answers). */
export interface CardSubject {
  ref: ItemRef;
  /** The badge's own words: risk and counts. */
  glance: string;
  risk: string;
  /** Reads the item's fields when the card opens (never while scrolling). */
  fields: () => Record<string, string>;
}

/**
 * One hover card per document: the latest events in words and the top
 * guideline clause for the badge under the pointer or keyboard focus. It lives
 * in the top layer (a manual popover), so the item's own overflow and
 * stacking cannot hide it, and in a closed shadow root built with
 * textContent only: page text never becomes markup.
 */
export function createHoverCard(
  doc: Document,
  loadHint: (subject: CardSubject) => Promise<ItemHint>,
  signal: AbortSignal,
  /** Offers "Report an SOP gap" in the card, about its item and the clause it shows. */
  onReport?: (subject: CardSubject, clause: ItemHint['clause']) => void,
) {
  let host: HTMLElement | null = null;
  let card: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let subjectShown: CardSubject | null = null;
  let clauseShown: ItemHint['clause'] = null;
  let current: { anchor: Element; key: string } | null = null;
  const answers = new Map<string, ItemHint>();

  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    host?.remove();
  });

  function ensureHost(): HTMLElement {
    if (host && card) return card;
    ({ host, body: card } = createTopLayerHost(doc, HOVER_CARD_CSS, 'card'));
    card.setAttribute('role', 'tooltip');
    // The pointer may move from the badge into the card (to its button) without closing it.
    host.addEventListener('mouseenter', () => clearTimeout(timer));
    host.addEventListener('mouseleave', () => scheduleClose());
    return card;
  }

  function place(anchor: Element): void {
    if (!host) return;
    const rect = anchor.getBoundingClientRect();
    const view = doc.defaultView;
    const width = 320;
    const left = Math.max(4, Math.min(rect.left, (view?.innerWidth ?? 1024) - width - 4));
    const below = rect.bottom + 6;
    const fitsBelow = below + 160 < (view?.innerHeight ?? 768);
    host.style.setProperty('left', `${left}px`);
    if (fitsBelow) {
      host.style.setProperty('top', `${below}px`);
      host.style.removeProperty('bottom');
    } else {
      host.style.setProperty('bottom', `${(view?.innerHeight ?? 768) - rect.top + 6}px`);
      host.style.removeProperty('top');
    }
  }

  function render(subject: CardSubject, hint: ItemHint | 'loading' | 'failed'): void {
    const body = ensureHost();
    const nodes: Node[] = subject.glance ? [line(doc, 'glance', subject.glance, subject.risk)] : [];
    if (hint === 'loading') nodes.push(line(doc, 'muted', i18n.t('overlay.card.loading')));
    else if (hint === 'failed') nodes.push(line(doc, 'muted', i18n.t('overlay.card.failed')));
    else {
      if (hint.events.length === 0) nodes.push(line(doc, 'muted', hint.note ?? i18n.t('overlay.card.noEvents')));
      const list = doc.createElement('ul');
      for (const event of hint.events) {
        const item = doc.createElement('li');
        item.dataset['verdict'] = event.verdict;
        item.textContent = event.text;
        list.append(item);
      }
      if (hint.events.length > 0) nodes.push(list);
      if (hint.clause) {
        const clause = doc.createElement('div');
        clause.className = 'clause';
        clause.append(
          line(
            doc,
            'clause-head',
            i18n.t('overlay.card.clause', { heading: hint.clause.heading, version: hint.clause.version }),
          ),
          line(doc, 'snippet', hint.clause.snippet),
        );
        nodes.push(clause);
      } else {
        nodes.push(line(doc, 'muted', i18n.t('overlay.card.noClause')));
      }
    }
    nodes.push(line(doc, 'hint', i18n.t('overlay.card.openPanel')));
    subjectShown = subject;
    clauseShown = typeof hint === 'object' ? hint.clause : null;
    if (onReport) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.textContent = i18n.t('report.open');
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        if (event.isTrusted && subjectShown) onReport(subjectShown, clauseShown);
        close();
      });
      nodes.push(button);
    }
    body.replaceChildren(...nodes);
  }

  function close(): void {
    clearTimeout(timer);
    current = null;
    if (host?.matches(':popover-open')) host.hidePopover();
  }

  function scheduleClose(): void {
    clearTimeout(timer);
    timer = setTimeout(close, CLOSE_GRACE_MS);
  }

  function open(anchor: Element, subject: CardSubject): void {
    const key = itemRefKey(subject.ref);
    current = { anchor, key };
    const known = answers.get(key);
    render(subject, known ?? 'loading');
    place(anchor);
    if (!host!.matches(':popover-open')) host!.showPopover();
    if (known) return;
    loadHint(subject).then(
      (hint) => {
        if (answers.size >= MAX_CACHED) answers.delete(answers.keys().next().value!);
        answers.set(key, hint);
        if (current?.key === key) render(subject, hint);
      },
      () => {
        if (current?.key === key) render(subject, 'failed');
      },
    );
  }

  return {
    /** The pointer rests on a badge: open its card after a short delay. */
    hover(anchor: Element, subject: CardSubject): void {
      clearTimeout(timer);
      timer = setTimeout(() => open(anchor, subject), HOVER_DELAY_MS);
    },
    /** Keyboard focus reached a badge: open its card now. */
    focus(anchor: Element, subject: CardSubject): void {
      clearTimeout(timer);
      open(anchor, subject);
    },
    /** The pointer or focus left the badge (or Escape was pressed): close soon, unless the pointer enters the card. */
    hide(anchor?: Element, now = false): void {
      clearTimeout(timer);
      if (anchor && current?.anchor !== anchor) return;
      if (now) close();
      else scheduleClose();
    },
    /** Forgets answers (the user or the data changed). */
    forget(): void {
      answers.clear();
    },
  };
}

function line(doc: Document, className: string, text: string, risk?: string): HTMLElement {
  const el = doc.createElement('p');
  el.className = className;
  if (risk) el.dataset['risk'] = risk;
  el.textContent = text;
  return el;
}

export type HoverCard = ReturnType<typeof createHoverCard>;
