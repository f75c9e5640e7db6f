import { describe, expect, it } from 'vitest';
import { compareReports } from '../../scripts/chaos/server-reports';

/* The chaos harness's verdict is only as good as this comparison: each way it can count wrong is pinned here. */

const r = (id: string, note: string) => ({ id, note });

describe('compareReports (chaos harness)', () => {
  it('finds nothing wrong when every filed report is on the server once', () => {
    const local = [r('a', 'n1'), r('b', 'n2')];
    expect(compareReports(local, ['n1', 'n2'], [r('a', 'n1'), r('b', 'n2')])).toEqual({ lost: 0, duplicated: 0 });
  });

  it('counts a report the browser holds but no server does as lost', () => {
    expect(compareReports([r('a', 'n1'), r('b', 'n2')], ['n1', 'n2'], [r('a', 'n1')])).toEqual({
      lost: 1,
      duplicated: 0,
    });
  });

  it('counts a report the form confirmed that vanished from the browser (and the server) as lost', () => {
    expect(compareReports([r('a', 'n1')], ['n1', 'n2'], [r('a', 'n1')])).toEqual({ lost: 1, duplicated: 0 });
  });

  it('counts one filed report stored under two ids as duplicated', () => {
    const local = [r('a', 'n1')];
    expect(compareReports(local, ['n1'], [r('a', 'n1'), r('a2', 'n1')])).toEqual({ lost: 0, duplicated: 1 });
  });

  it('counts the same id pulled twice as duplicated', () => {
    expect(compareReports([r('a', 'n1')], ['n1'], [r('a', 'n1'), r('a', 'n1')])).toEqual({ lost: 0, duplicated: 1 });
  });

  it('ignores server rows from other runs that the browser never made', () => {
    expect(compareReports([r('a', 'n1')], ['n1'], [r('a', 'n1'), r('z', 'other run')])).toEqual({
      lost: 0,
      duplicated: 0,
    });
  });
});
