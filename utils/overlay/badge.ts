import { browser } from 'wxt/browser';
import type { ItemSummary, Verdict } from '../../contract/quality';
import { i18n } from '../i18n';
import { riskOf, type Risk } from './risk';
import { OWN_TAG } from './discovery';
import { BADGE_CSS } from './badge-style';

export type BadgeState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string }
  | { kind: 'summary'; summary: ItemSummary };

let sharedSheet: CSSStyleSheet | null | undefined;

/** One constructed stylesheet for all badges; null where adopting fails (Firefox content scripts). */
function badgeSheet(): CSSStyleSheet | null {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(BADGE_CSS);
    } catch {
      sharedSheet = null;
    }
  }
  return sharedSheet;
}

/**
 * A badge beside one item: a host element with a closed shadow root holding a
 * button. The pages moderators review render hostile user content, so the
 * host carries nothing: the state, the verdict and the counts stay inside the
 * closed root, which page script cannot open (assistive technology still reads
 * the button's label).
 */
export interface Badge {
  host: HTMLElement;
  render(state: BadgeState): void;
}

/** Each badge host's button: the content script's own way in, since the root is closed to everyone. */
const buttons = new WeakMap<Element, HTMLButtonElement>();

/** The button inside a badge this content script drew (its closed shadow root is not reachable otherwise). */
export function badgeButton(host: Element): HTMLButtonElement | undefined {
  return buttons.get(host);
}

/** What the pointer or keyboard does to a badge, for its hover card. */
export type HintEvent = 'hover' | 'focus' | 'leave' | 'escape';

/**
 * Creates a detached badge; `onOpen` runs when the user clicks it, `onHint`
 * when the pointer rests on it, focus reaches it, or either leaves (or Escape).
 */
export function createBadge(doc: Document, onOpen: () => void, onHint?: (event: HintEvent) => void): Badge {
  const host = doc.createElement(OWN_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  const sheet = badgeSheet();
  try {
    if (!sheet) throw new Error('no shared sheet');
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = BADGE_CSS;
    shadow.append(style);
  }
  const button = doc.createElement('button');
  button.type = 'button';
  shadow.append(button);
  buttons.set(host, button);
  button.addEventListener('click', (event) => {
    // The item card underneath often has its own click handler (select, expand).
    event.stopPropagation();
    event.preventDefault();
    // Only a person opens the panel: page script cannot click it open (and steal focus) in a loop.
    if (event.isTrusted) onOpen();
  });
  if (onHint) {
    button.addEventListener('mouseenter', () => onHint('hover'));
    button.addEventListener('mouseleave', () => onHint('leave'));
    button.addEventListener('focus', () => onHint('focus'));
    button.addEventListener('blur', () => onHint('leave'));
    button.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') onHint('escape');
    });
  }

  return {
    host,
    render(state) {
      const parts = describe(state);
      button.dataset['state'] = state.kind;
      button.dataset['verdict'] = state.kind === 'summary' ? (state.summary.lastVerdict ?? 'none') : 'none';
      button.dataset['risk'] = parts.risk;
      button.title = parts.label;
      button.setAttribute('aria-label', parts.label);
      button.replaceChildren(...parts.nodes(doc));
    },
  };
}

function span(doc: Document, className: string, text: string): HTMLSpanElement {
  const el = doc.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

/** Shape, not only colour, says the last verdict (colour-blind reviewers read it too). */
const VERDICT_GLYPH: Record<Verdict, string> = { correct: '✓', incorrect: '✗', partially_correct: '◐' };

/** The sentence a badge's label and its hover card's first line say about an item's summary. */
export function glanceOf(summary: ItemSummary): { text: string; risk: Risk } {
  const { audits, incorrect, overturns, lastVerdict, lastAt } = summary;
  const goldChecks = summary.goldChecks ?? 0;
  const risk = riskOf(summary);
  if (audits === 0) return { text: i18n.t('overlay.badge.noAudits'), risk };
  const parts = [
    i18n.t(`overlay.risk.${risk}`),
    i18n.t('overlay.badge.audits', audits, { count: audits }),
    i18n.t('overlay.badge.incorrect', incorrect, { count: incorrect }),
    i18n.t('overlay.badge.overturns', overturns, { count: overturns }),
  ];
  if (goldChecks > 0) parts.push(i18n.t('overlay.badge.gold', goldChecks, { count: goldChecks }));
  if (lastVerdict) {
    const verdict = i18n.t(`overlay.verdict.${lastVerdict}`);
    parts.push(
      lastAt
        ? i18n.t('overlay.badge.lastVerdictAt', { verdict, when: relative(lastAt) })
        : i18n.t('overlay.badge.lastVerdict', { verdict }),
    );
  }
  return { text: parts.join(i18n.t('overlay.badge.separator')), risk };
}

function describe(state: BadgeState): { label: string; risk: Risk | 'unknown'; nodes: (doc: Document) => Node[] } {
  switch (state.kind) {
    case 'loading':
      return {
        label: i18n.t('overlay.badge.loading'),
        risk: 'unknown',
        nodes: (d) => [span(d, 'logo', 'QA'), span(d, 'count', '…')],
      };
    case 'signed-out':
      return {
        label: i18n.t('overlay.badge.signedOut'),
        risk: 'unknown',
        nodes: (d) => [span(d, 'logo', 'QA'), span(d, 'count', '–')],
      };
    case 'error':
      return {
        label: i18n.t('overlay.badge.error', { message: state.message }),
        risk: 'unknown',
        nodes: (d) => [span(d, 'logo', 'QA'), span(d, 'count', '!')],
      };
    case 'summary': {
      const { audits, overturns, lastVerdict } = state.summary;
      const glance = glanceOf(state.summary);
      return {
        label: i18n.t('overlay.badge.label', { glance: glance.text }),
        risk: glance.risk,
        nodes: (d) => {
          const nodes: Node[] = [span(d, 'logo', 'QA'), span(d, 'count', String(audits))];
          if (lastVerdict) nodes.push(span(d, 'verdict', VERDICT_GLYPH[lastVerdict]));
          if (overturns > 0) nodes.push(span(d, 'overturns', `↺${overturns}`));
          if ((state.summary.goldChecks ?? 0) > 0) nodes.push(span(d, 'gold', '★'));
          return nodes;
        },
      };
    }
  }
}

let relativeFormat: Intl.RelativeTimeFormat | undefined;

/** "3 days ago" in the UI language with the platform's formatter: no date library in the content script. */
function relative(iso: string): string {
  relativeFormat ??= new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' });
  const days = Math.round((Date.parse(iso) - Date.now()) / 86_400_000);
  if (Math.abs(days) >= 1) return relativeFormat.format(days, 'day');
  const hours = Math.round((Date.parse(iso) - Date.now()) / 3_600_000);
  return relativeFormat.format(hours, 'hour');
}

function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return 'en';
  }
}
