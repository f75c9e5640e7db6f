import { GAP_SELECTION_MAX } from '../../contract/limits';
import { i18n } from '../i18n';
import { createTopLayerHost } from './top-layer';

/** How long a selection must stay still before the button offers itself (not while dragging or typing). */
const SETTLE_MS = 300;
/** Shorter selections are clicks and double-clicks on a word more often than something to report. */
const MIN_CHARS = 3;

const CSS = `
:host { all: initial; position: fixed; inset: auto; margin: 0; padding: 0; border: 0; background: transparent;
  overflow: visible; z-index: 2147483647; }
:host(:not(:popover-open)) { display: none; }
button { font: 600 12px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #1d4ed8; background: #eff6ff; border: 1px solid #93c5fd; border-radius: 6px; padding: 3px 10px;
  cursor: pointer; box-shadow: 0 2px 8px rgba(15, 23, 42, .18); }
button:hover { background: #dbeafe; }
button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
`;

/**
 * A small "Report an SOP gap" button beside a text selection on an adapted page. It appears once
 * the selection has settled, under its last line (above it near the viewport's bottom), never over
 * the selected text, and goes away when the selection does, on Escape or on scroll. Pressing it
 * keeps the selection (no focus change) and hands the text and where it sits to `onReport`. The
 * shortcut and the context menu do the same from the keyboard and on any page.
 */
export function watchSelection(
  doc: Document,
  signal: AbortSignal,
  onReport: (text: string, anchor: Node | null) => void,
): void {
  let host: HTMLElement | null = null;
  let button: HTMLButtonElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pressing = false;
  let offered: { text: string; anchor: Node | null } | null = null;

  function ensureButton(): { host: HTMLElement; button: HTMLButtonElement } {
    if (host && button) return { host, button };
    const made = createTopLayerHost(doc, CSS, 'selection');
    host = made.host;
    button = doc.createElement('button');
    button.type = 'button';
    button.textContent = i18n.t('report.fromSelection');
    // Keep the page's selection and focus where they are: the report is about them.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      if (event.isTrusted && offered) onReport(offered.text, offered.anchor);
      hide();
    });
    made.body.append(button);
    return { host, button };
  }

  function hide(): void {
    clearTimeout(timer);
    offered = null;
    if (host?.matches(':popover-open')) host.hidePopover();
  }

  function offer(): void {
    const selection = doc.getSelection();
    const text = selection && !selection.isCollapsed ? selection.toString().trim() : '';
    if (text.length < MIN_CHARS || !selection || selection.rangeCount === 0) return hide();
    const range = selection.getRangeAt(selection.rangeCount - 1);
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const first = rects[0] ?? last;
    if (last.width === 0 && last.height === 0) return hide();
    offered = { text: text.slice(0, GAP_SELECTION_MAX), anchor: selection.anchorNode };
    const view = doc.defaultView;
    const width = view?.innerWidth ?? 1024;
    const height = view?.innerHeight ?? 768;
    const { host: shown } = ensureButton();
    shown.style.setProperty('left', `${Math.max(4, Math.min(last.right - 40, width - 200))}px`);
    if (last.bottom + 40 < height) {
      shown.style.setProperty('top', `${last.bottom + 6}px`);
      shown.style.removeProperty('bottom');
    } else {
      shown.style.setProperty('bottom', `${height - first.top + 6}px`);
      shown.style.removeProperty('top');
    }
    if (!shown.matches(':popover-open')) shown.showPopover();
  }

  function settleThenOffer(): void {
    clearTimeout(timer);
    if (!pressing) timer = setTimeout(offer, SETTLE_MS);
  }

  const options = { signal, passive: true } as const;
  doc.addEventListener('selectionchange', settleThenOffer, options);
  doc.addEventListener(
    'pointerdown',
    (event) => {
      // A press on the button itself (in our shadow root, seen here as its host) is not a new selection.
      if (host && event.target === host) return;
      pressing = true;
      hide();
    },
    { ...options, capture: true },
  );
  doc.addEventListener(
    'pointerup',
    () => {
      pressing = false;
      settleThenOffer();
    },
    { ...options, capture: true },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape') hide();
    },
    { ...options, capture: true },
  );
  // Placed for the viewport: a scroll would leave it behind.
  doc.addEventListener('scroll', hide, { ...options, capture: true });
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    host?.remove();
  });
}
