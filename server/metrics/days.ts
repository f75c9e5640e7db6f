/*
 * Calendar days as YYYY-MM-DD strings. A day is a label here, never an instant: which instants
 * belong to it is decided in SQL by the reporting time zone.
 */

const DAY_MS = 86_400_000;

/** `day` moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Instants that surely hold every moment of the local days `from`…`to` in any zone (offsets are
 * within ±14 h, and a DST jump moves a midnight by hours): the index range a query scans before
 * it keeps the rows whose local day is in range.
 */
export function instantBounds(from: string, to: string): { lo: string; hi: string } {
  return {
    lo: new Date(Date.parse(`${from}T00:00:00Z`) - 2 * DAY_MS).toISOString(),
    hi: new Date(Date.parse(`${to}T00:00:00Z`) + 3 * DAY_MS).toISOString(),
  };
}
