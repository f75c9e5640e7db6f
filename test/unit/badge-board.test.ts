import { describe, expect, it } from 'vitest';
import { createBadge, type BadgeState } from '../../utils/overlay/badge';
import { createBadgeBoard } from '../../utils/overlay/badge-board';

const loading: BadgeState = { kind: 'loading' };
const failed: BadgeState = { kind: 'error', message: 'down' };

describe('badge board', () => {
  it("renders an answer on every badge of the item and hands a later badge the item's state", () => {
    const board = createBadgeBoard();
    const [a, b] = [createBadge(document, () => undefined), createBadge(document, () => undefined)];
    const item = document.createElement('li');
    document.body.replaceChildren(item);
    item.append(a.host, b.host);
    expect(board.add('k', a, item)).toBeUndefined();
    board.render('k', failed);
    expect(board.add('k', b, item)).toEqual(failed);
    board.render('k', loading);
    expect(board.state('k')).toEqual(loading);
    expect(board.isOnPage('k')).toBe(true);
  });

  it('forgets badges whose item left the page, and clears the page on demand', () => {
    const board = createBadgeBoard();
    const badge = createBadge(document, () => undefined);
    const item = document.createElement('li');
    document.body.replaceChildren(item);
    item.append(badge.host);
    board.add('k', badge, item);
    item.remove();
    expect(board.isOnPage('k')).toBe(false);
    document.body.replaceChildren(item);
    board.clear();
    expect(item.childElementCount).toBe(0);
    expect(board.has('k')).toBe(false);
  });
});
