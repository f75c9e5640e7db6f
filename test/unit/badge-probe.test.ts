import { describe, expect, it } from 'vitest';
import { builtinAdapters } from '../../utils/adapters/builtin';
import { alternativePlacements } from '../../utils/overlay/badge-probe';
import { createHealthCounter } from '../../utils/overlay/health';

const adapter = builtinAdapters[0]!;

describe('badge placement suggestions', () => {
  it('tries the other positions at the same anchor first, then around the item, never the current one', () => {
    const grid = { ...adapter, badge: { selector: '.case-id', position: 'append' as const } };
    expect(alternativePlacements(grid)).toEqual([
      { selector: '.case-id', position: 'prepend' },
      { selector: '.case-id', position: 'before' },
      { selector: '.case-id', position: 'after' },
      { position: 'prepend' },
      { position: 'before' },
      { position: 'after' },
      { position: 'append' },
    ]);
    expect(alternativePlacements({ ...adapter, badge: { position: 'append' } })).toEqual([
      { position: 'prepend' },
      { position: 'before' },
      { position: 'after' },
    ]);
  });
});

describe('adapter health of drawn badges', () => {
  it('counts badges a person cannot see by reason, leaving out those off screen', () => {
    const health = createHealthCounter(adapter);
    health.badges(['visible', 'clipped', 'clipped', 'covered', 'zeroSize', 'offscreen']);
    const report = health.report(new URL('http://localhost/moderation/queues/videos'), new Date(0));
    expect(report.badgesChecked).toBe(5);
    expect(report.badgesHidden).toEqual({ zeroSize: 1, clipped: 2, covered: 1 });
  });
});
