/**
 * Badge styles, shared by every badge's shadow root. Sizes in px: rem would
 * follow the host page's root font size.
 */
export const BADGE_CSS = `
:host { all: initial; display: inline-flex; flex: none; vertical-align: middle; margin: 0 6px; }
button {
  display: inline-flex; align-items: center; gap: 4px; height: 20px; padding: 0 7px;
  border: 1px solid #c9ced6; border-radius: 10px; background: #f6f7f9; color: #1f2933;
  font: 600 11px/18px system-ui, -apple-system, "Segoe UI", sans-serif; cursor: pointer; white-space: nowrap;
}
button:hover { background: #eceff3; }
button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
.logo { color: #4b5563; letter-spacing: .02em; }
.dot { width: 7px; height: 7px; border-radius: 50%; background: #9ca3af; }
button[data-verdict="correct"] .dot { background: #16a34a; }
button[data-verdict="incorrect"] .dot { background: #dc2626; }
button[data-verdict="partially_correct"] .dot { background: #d97706; }
button[data-verdict="incorrect"] { border-color: #fca5a5; background: #fef2f2; }
.overturns { color: #b91c1c; }
button[data-state="loading"] { color: #6b7280; }
button[data-state="signed-out"], button[data-state="error"] { color: #6b7280; border-style: dashed; }
`;
