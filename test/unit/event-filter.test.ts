import { describe, expect, it } from 'vitest';
import type { QualityEvent } from '../../contract';
import { filterEvents, isFiltering } from '../../utils/items/event-filter';

const event = (id: string, patch: Partial<QualityEvent>): QualityEvent => ({
  id,
  kind: 'qa_audit',
  site: 's',
  itemKey: 'k',
  queue: 'q',
  policy: 'spam',
  decision: 'remove',
  verdict: 'correct',
  correctedDecision: null,
  actor: null,
  auditor: null,
  occurredAt: '2026-11-20T12:00:00.000Z',
  guidelineVersion: null,
  note: null,
  ...patch,
});

const events = [
  event('a', { kind: 'appeal', verdict: 'incorrect', occurredAt: '2026-11-22T12:00:00.000Z' }),
  event('b', { policy: 'violence', verdict: 'incorrect', occurredAt: '2026-11-15T12:00:00.000Z' }),
  event('c', { kind: 'gold_check', occurredAt: '2026-11-01T12:00:00.000Z' }),
];

describe('filterEvents', () => {
  it('keeps everything without a filter', () => {
    expect(filterEvents(events, {}).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(isFiltering({})).toBe(false);
  });
  it('combines kind, verdict and policy', () => {
    expect(filterEvents(events, { verdict: 'incorrect' }).map((e) => e.id)).toEqual(['a', 'b']);
    expect(filterEvents(events, { verdict: 'incorrect', policy: 'violence' }).map((e) => e.id)).toEqual(['b']);
    expect(filterEvents(events, { kind: 'gold_check' }).map((e) => e.id)).toEqual(['c']);
    expect(isFiltering({ kind: 'appeal' })).toBe(true);
  });
  it('keeps whole days at both ends of a date range', () => {
    expect(filterEvents(events, { from: '2026-11-15', to: '2026-11-22' }).map((e) => e.id)).toEqual(['a', 'b']);
    expect(filterEvents(events, { to: '2026-11-01' }).map((e) => e.id)).toEqual(['c']);
  });
});
