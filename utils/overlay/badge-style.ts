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
.verdict { font-size: 12px; }
button[data-verdict="correct"] .verdict { color: #15803d; }
button[data-verdict="incorrect"] .verdict { color: #b91c1c; }
button[data-verdict="partially_correct"] .verdict { color: #92400e; }
/* Colour by risk (the legend is in the popup and the item panel); the glyphs say the verdict without colour. */
button[data-risk="low"] { border-color: #86efac; background: #f0fdf4; }
button[data-risk="medium"] { border-color: #fcd34d; background: #fffbeb; }
button[data-risk="high"] { border-color: #fca5a5; background: #fef2f2; }
.overturns { color: #b91c1c; }
.gold { color: #a16207; }
button[data-state="loading"] { color: #4b5563; }
button[data-state="signed-out"], button[data-state="error"] { color: #4b5563; border-style: dashed; }
`;
