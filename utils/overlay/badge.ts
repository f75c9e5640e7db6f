import type { ItemSummary, Verdict } from '../../contract/quality';
import { OWN_TAG } from './discovery';
import { BADGE_CSS } from './badge-style';

export type BadgeState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string }
  | { kind: 'summary'; summary: ItemSummary };

const VERDICT_TEXT: Record<Verdict, string> = {
  correct: 'correct',
  incorrect: 'incorrect',
  partially_correct: 'partially correct',
};

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

/** Creates a detached badge; `onOpen` runs when the user clicks it. */
export function createBadge(doc: Document, onOpen: () => void): Badge {
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

  return {
    host,
    render(state) {
      const parts = describe(state);
      button.dataset['state'] = state.kind;
      button.dataset['verdict'] = state.kind === 'summary' ? (state.summary.lastVerdict ?? 'none') : 'none';
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

function describe(state: BadgeState): { label: string; nodes: (doc: Document) => Node[] } {
  switch (state.kind) {
    case 'loading':
      return {
        label: 'QA Lens: loading quality history',
        nodes: (d) => [span(d, 'logo', 'QA'), span(d, 'count', '…')],
      };
    case 'signed-out':
      return {
        label: 'QA Lens: sign in (extension options) to see quality history',
        nodes: (d) => [span(d, 'logo', 'QA'), span(d, 'count', '–')],
      };
    case 'error':
      return { label: `QA Lens: ${state.message}`, nodes: (d) => [span(d, 'logo', 'QA'), span(d, 'count', '!')] };
    case 'summary': {
      const { audits, incorrect, overturns, lastVerdict, lastAt } = state.summary;
      const label =
        audits === 0
          ? 'QA Lens: no audits yet'
          : `QA Lens: ${plural(audits, 'audit')}, ${incorrect} incorrect, ${plural(overturns, 'overturn')}; ` +
            (lastVerdict
              ? `last verdict ${VERDICT_TEXT[lastVerdict]}${lastAt ? ` ${relative(lastAt)}` : ''}`
              : 'no verdict yet');
      return {
        label,
        nodes: (d) => {
          const nodes: Node[] = [span(d, 'logo', 'QA'), span(d, 'count', String(audits))];
          if (lastVerdict) nodes.push(span(d, 'dot', ''));
          if (overturns > 0) nodes.push(span(d, 'overturns', `↺${overturns}`));
          return nodes;
        },
      };
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 days ago" with the platform's formatter: no date library in the content script. */
function relative(iso: string): string {
  const days = Math.round((Date.parse(iso) - Date.now()) / 86_400_000);
  if (Math.abs(days) >= 1) return relativeFormat.format(days, 'day');
  const hours = Math.round((Date.parse(iso) - Date.now()) / 3_600_000);
  return relativeFormat.format(hours, 'hour');
}
