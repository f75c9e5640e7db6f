import { describe, expect, it } from 'vitest';
import { BLOCK, createLazyBlocks, type VisibilityObserver } from '../../utils/overlay/lazy-blocks';

function setup() {
  const observed = new Set<Element>();
  const revealed: Element[][] = [];
  let notify: (elements: Element[]) => void = () => undefined;
  const blocks = createLazyBlocks(
    (block) => revealed.push(block),
    (onVisible): VisibilityObserver => {
      notify = onVisible;
      return {
        observe: (el) => observed.add(el),
        unobserve: (el) => observed.delete(el),
        disconnect: () => observed.clear(),
      };
    },
  );
  return { blocks, observed, revealed, notify: (els: Element[]) => notify(els) };
}

const items = (n: number) =>
  Array.from({ length: n }, () => {
    const el = document.createElement('li');
    document.body.append(el);
    return el;
  });

describe('lazy blocks', () => {
  it('watches each block through its two ends only', () => {
    const { blocks, observed } = setup();
    const list = items(BLOCK * 4);
    blocks.add(list);
    expect(observed.size).toBe(8);
    expect(observed.has(list[0]!) && observed.has(list[BLOCK - 1]!) && observed.has(list[BLOCK]!)).toBe(true);
  });

  it('reveals a whole block once, whichever end comes into view', () => {
    const { blocks, observed, revealed, notify } = setup();
    const list = items(BLOCK * 2);
    blocks.add(list);
    notify([list[BLOCK - 1]!, list[0]!]);
    expect(revealed).toEqual([list.slice(0, BLOCK)]);
    expect(observed.has(list[0]!)).toBe(false);
    notify([list[0]!]);
    expect(revealed).toHaveLength(1);
  });

  it('re-anchors a block whose watched end left the page', () => {
    const { blocks, observed, revealed, notify } = setup();
    const list = items(BLOCK);
    blocks.add(list);
    list[0]!.remove();
    blocks.removed(list[0]!);
    expect(observed.has(list[1]!)).toBe(true);
    notify([list[1]!]);
    expect(revealed).toEqual([list.slice(1)]);
  });
});
