/** The hover card's styles, in its own shadow root; px, not rem (rem follows the page). */
export const HOVER_CARD_CSS = `
:host { all: initial; position: fixed; inset: auto; margin: 0; padding: 0; border: 0; background: transparent;
  overflow: visible; z-index: 2147483647; }
/* "all: initial" above would override the UA's display: none of a closed popover. */
:host(:not(:popover-open)) { display: none; }
.card { box-sizing: border-box; width: 320px; max-width: calc(100vw - 8px); padding: 10px 12px; border-radius: 8px;
  background: #ffffff; color: #1f2933; border: 1px solid #c9ced6; box-shadow: 0 6px 24px rgba(15, 23, 42, .18);
  font: 400 12px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
p { margin: 0 0 6px; overflow-wrap: anywhere; }
.glance { font-weight: 600; padding-left: 10px; border-left: 4px solid #9ca3af; }
.glance[data-risk="low"] { border-left-color: #15803d; }
.glance[data-risk="medium"] { border-left-color: #b45309; }
.glance[data-risk="high"] { border-left-color: #b91c1c; }
ul { margin: 0 0 8px; padding: 0 0 0 16px; }
li { margin: 2px 0; overflow-wrap: anywhere; }
li[data-verdict="incorrect"] { color: #991b1b; }
li[data-verdict="partially_correct"] { color: #92400e; }
.clause { border-top: 1px solid #e5e7eb; padding-top: 6px; margin-bottom: 6px; }
.clause-head { font-weight: 600; }
.snippet { color: #374151; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.muted, .hint { color: #4b5563; }
.hint { font-size: 11px; margin: 0 0 6px; }
button { font: 600 12px/1.4 inherit; font-family: inherit; color: #1d4ed8; background: #eff6ff; border: 1px solid #bfdbfe;
  border-radius: 6px; padding: 3px 10px; cursor: pointer; }
button:hover { background: #dbeafe; }
button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
`;
