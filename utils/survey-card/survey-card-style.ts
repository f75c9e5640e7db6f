/**
 * A survey card's styles, in its own closed shadow root. It sits in the page's flow under the
 * item's badge (never over the page's controls); px, not rem (rem follows the page).
 */
export const SURVEY_CARD_CSS = `
:host { all: initial; display: block; box-sizing: border-box; max-width: 100%; margin: 4px 0; }
.card { box-sizing: border-box; margin: 0; padding: 8px 10px; border-radius: 8px; background: #f8fafc;
  color: #1f2933; border: 1px solid #c9ced6; border-left: 4px solid #1d4ed8;
  font: 400 12px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
.brand { margin: 0 0 2px; font-size: 11px; font-weight: 600; color: #1e40af; }
fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
legend { padding: 0; margin: 0 0 6px; font-weight: 600; overflow-wrap: anywhere; }
.options { display: flex; flex-wrap: wrap; gap: 4px; }
.options[data-kind="choice"] { flex-direction: column; align-items: flex-start; }
.option { display: inline-flex; align-items: center; gap: 4px; min-height: 24px; padding: 1px 8px 1px 4px;
  border: 1px solid #c9ced6; border-radius: 12px; background: #ffffff; cursor: pointer; overflow-wrap: anywhere; }
.option:has(input:checked) { border-color: #1d4ed8; background: #eff6ff; }
input[type="radio"] { margin: 0; accent-color: #1d4ed8; }
.comment[hidden] { display: none; }
.comment { display: flex; flex-direction: column; gap: 2px; margin-top: 6px; font-size: 11px; color: #374151; }
textarea { box-sizing: border-box; width: 100%; min-height: 40px; resize: vertical; padding: 4px 6px;
  font: 400 12px/1.4 inherit; font-family: inherit; color: #1f2933; background: #ffffff; border: 1px solid #9ca3af;
  border-radius: 4px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
button { font: 600 12px/1.4 inherit; font-family: inherit; min-height: 24px; padding: 2px 12px; border-radius: 6px;
  cursor: pointer; border: 1px solid #1d4ed8; }
button[type="submit"] { color: #ffffff; background: #1d4ed8; }
button[type="submit"]:hover { background: #1e40af; }
button.secondary { color: #1f2933; background: #ffffff; border-color: #9ca3af; }
button.secondary:hover { background: #f3f4f6; }
button:disabled { cursor: default; opacity: .6; }
:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
.status { margin: 6px 0 0; color: #374151; overflow-wrap: anywhere; }
.status:empty { display: none; }
.status[data-tone="error"] { color: #991b1b; }
.done { margin: 0; font-weight: 600; color: #166534; }
`;
