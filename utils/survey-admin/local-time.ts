/*
 * `<input type="datetime-local">` holds a wall-clock time without a zone ("2026-03-01T09:30"). The
 * survey window is a moment, sent as ISO with an offset: the analyst types it in their own time
 * zone, and the API gets the same instant in UTC.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The `datetime-local` value (minutes) of an ISO instant, in this browser's time zone; "" if unreadable. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/**
 * The ISO instant (UTC) of a `datetime-local` value read in this browser's time zone; undefined when
 * empty, and the text itself when it is no such value, so the contract's check names the problem.
 */
export function fromLocalInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const match = LOCAL.exec(value.trim());
  if (!match) return value;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s || 0);
  // Date rolls "02-31" over to March; a value that does not read back is not a real date.
  if (date.getMonth() !== mo! - 1 || date.getDate() !== d!) return value;
  return date.toISOString();
}

/** The IANA name of this browser's time zone (for the form's hint), e.g. "Europe/Berlin". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
