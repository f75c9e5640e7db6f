import type { EventKind, QualityEvent, Verdict } from '../../contract';

/** What the item panel's timeline shows: every field optional, all given ones must hold. */
export interface EventFilter {
  kind?: EventKind;
  verdict?: Verdict;
  policy?: string;
  /** Calendar days (`YYYY-MM-DD`) in the viewer's time zone, inclusive. */
  from?: string;
  to?: string;
}

/** The viewer's calendar day of an instant, as `YYYY-MM-DD`. */
function localDay(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The events a filter keeps, in their order. */
export function filterEvents(events: readonly QualityEvent[], filter: EventFilter): QualityEvent[] {
  return events.filter((event) => {
    if (filter.kind && event.kind !== filter.kind) return false;
    if (filter.verdict && event.verdict !== filter.verdict) return false;
    if (filter.policy && event.policy !== filter.policy) return false;
    if (filter.from || filter.to) {
      const day = localDay(event.occurredAt);
      if (filter.from && day < filter.from) return false;
      if (filter.to && day > filter.to) return false;
    }
    return true;
  });
}

/** Whether any field of the filter is set. */
export function isFiltering(filter: EventFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined && value !== '');
}
