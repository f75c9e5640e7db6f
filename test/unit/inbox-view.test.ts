import { describe, expect, it } from 'vitest';
import { InboxFilters } from '../../contract';
import { readView, viewFilters, viewSearch } from '../../utils/inbox/view';

describe('inbox views as URLs', () => {
  it('reads a link back into the same view, in a fixed order, the open report last', () => {
    const link = '?sort=severity_desc&status=new,triaged&q=%E4%BB%87%E6%81%A8%20satire&report=0192&junk=1';
    const view = readView(link);
    expect(view).toEqual({
      fields: { status: 'new,triaged', q: '仇恨 satire', sort: 'severity_desc' },
      report: '0192',
      problem: null,
    });
    expect(viewSearch(view.fields, view.report)).toBe(
      'status=new%2Ctriaged&q=%E4%BB%87%E6%81%A8+satire&sort=severity_desc&report=0192',
    );
    expect(readView(`?${viewSearch(view.fields, view.report)}`)).toEqual(view);
  });

  it('gives the API the filters the contract accepts, and leaves empty ones out', () => {
    const view = readView('?site=demo-moderation&section=hate-speech&from=2026-11-01&to=2026-11-23&q=');
    expect(view.problem).toBeNull();
    expect(viewFilters(view.fields)).toEqual({
      site: 'demo-moderation',
      section: 'hate-speech',
      from: '2026-11-01',
      to: '2026-11-23',
    });
    expect(InboxFilters.safeParse(viewFilters(view.fields)).success).toBe(true);
  });

  it("says, in the contract's words, why a link's filters cannot be used", () => {
    expect(readView('?status=new,bogus').problem).toMatch(/bogus/);
    expect(readView('?from=2026-11-30&to=2026-11-01').problem).toMatch(/before it starts/);
    expect(readView('?from=2026-02-30').problem).toMatch(/calendar day/);
    expect(readView('?q=' + 'x'.repeat(300)).problem).not.toBeNull();
  });
});
