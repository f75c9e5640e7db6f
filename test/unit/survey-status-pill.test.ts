import { describe, expect, it } from 'vitest';
import { pauseReason } from '../../components/surveys/SurveyStatusPill';

const window = { startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-03-08T00:00:00.000Z' };
const at = (iso: string) => new Date(iso);

describe("the list's note on an active survey that is not being shown", () => {
  it('says nothing within the window, and names a window not begun or over', () => {
    const active = { status: 'active' as const, capReached: false, window };
    expect(pauseReason(active, at('2026-03-01T00:00:00.000Z'))).toBeNull();
    expect(pauseReason(active, at('2026-02-28T23:59:59.999Z'))).toBe('Not started yet');
    expect(pauseReason(active, at('2026-03-08T00:00:00.000Z'))).toBe('Window over');
  });

  it('names a reached cap first, and says nothing of a draft or closed survey’s window', () => {
    expect(pauseReason({ status: 'active', capReached: true, window }, at('2026-04-01T00:00:00Z'))).toBe('Cap reached');
    expect(pauseReason({ status: 'draft', capReached: false, window }, at('2026-04-01T00:00:00Z'))).toBeNull();
    expect(pauseReason({ status: 'closed', capReached: false, window }, at('2026-02-01T00:00:00Z'))).toBeNull();
  });
});
