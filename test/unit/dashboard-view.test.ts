import { describe, expect, it } from 'vitest';
import {
  dashboardSearch,
  readDashboardView,
  shiftDay,
  todayIn,
  viewOf,
  type DashboardView,
} from '../../utils/dashboard/view';
import { formatDateTimeIn } from '../../utils/format';

// 2026-03-01 at 20:30 UTC: already 2 March in Singapore, still 1 March in New York.
const NOW = new Date('2026-03-01T20:30:00Z');

describe('dashboard views are URLs', () => {
  it('reads back every view it writes, unchanged', () => {
    const views: DashboardView[] = [
      viewOf('metric', {
        metric: 'accuracy',
        groupBy: 'queue',
        from: '2026-01-01',
        to: '2026-02-28',
        tz: 'Asia/Singapore',
        policy: 'hate_speech',
      }),
      viewOf('events', { metric: 'gap_reports', date: '2026-02-03', tz: 'UTC', section: 'hate-speech' }),
      viewOf('sections', { from: '2026-01-01', to: '2026-02-28', tz: 'UTC', windowDays: '7', site: 'demo-moderation' }),
    ];
    for (const view of views) {
      expect(readDashboardView(`?${dashboardSearch(view)}`, NOW)).toEqual({ view, problem: null });
    }
  });

  it('fills what a bare link leaves out: the last 60 days of the named zone, accuracy by queue', () => {
    const { view, problem } = readDashboardView('?tz=Asia/Singapore', NOW);
    expect(problem).toBeNull();
    expect(view).toEqual({
      page: 'metric',
      fields: { metric: 'accuracy', groupBy: 'queue', from: '2026-01-02', to: '2026-03-02', tz: 'Asia/Singapore' },
    });
    expect(readDashboardView('?view=sections&tz=America/New_York', NOW).view.fields).toEqual({
      from: '2025-12-02',
      to: '2026-03-01',
      tz: 'America/New_York',
      windowDays: '14',
    });
  });

  it('says why a link cannot be used, in the contract’s words, and keeps its fields for the form', () => {
    const read = readDashboardView('?view=metric&metric=accuracy&from=2026-02-30&to=2026-03-01&tz=UTC', NOW);
    expect(read.problem).toContain('from: not a calendar day');
    expect(read.view.fields.from).toBe('2026-02-30');
    expect(readDashboardView('?view=events&metric=accuracy&tz=UTC', NOW).problem).toContain(
      'name a day (date) or a range',
    );
    expect(readDashboardView('?view=metric&tz=Mars/Olympus', NOW).problem).toContain('tz:');
    expect(readDashboardView('?view=pie&tz=UTC', NOW).problem).toContain('"pie" is not a dashboard view');
  });

  it('ignores parameters its page does not read, and writes them in one order', () => {
    const read = readDashboardView('?utm=x&to=2026-02-28&view=metric&from=2026-02-01&metric=gap_reports&tz=UTC', NOW);
    expect(dashboardSearch(read.view)).toBe(
      'view=metric&metric=gap_reports&groupBy=queue&from=2026-02-01&to=2026-02-28&tz=UTC',
    );
  });
});

describe('days and moments in a zone', () => {
  it('today and day arithmetic follow the calendar, across a DST change', () => {
    expect(todayIn('Asia/Singapore', NOW)).toBe('2026-03-02');
    expect(todayIn('America/New_York', NOW)).toBe('2026-03-01');
    expect(shiftDay('2026-03-01', 10)).toBe('2026-03-11');
    expect(shiftDay('2026-03-29', 1)).toBe('2026-03-30');
    expect(shiftDay('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('writes a moment in the zone its days are counted in', () => {
    expect(formatDateTimeIn('2026-03-01T20:30:00Z', 'Asia/Singapore', 'en-US')).toBe('Mar 2, 2026, 4:30 AM');
    expect(formatDateTimeIn('2026-03-01T20:30:00Z', 'UTC', 'en-US')).toBe('Mar 1, 2026, 8:30 PM');
  });
});
