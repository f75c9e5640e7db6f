import { describe, expect, it } from 'vitest';
import { memoFor } from '../../utils/memo';

describe('memoFor', () => {
  it('reuses an answer for its time, forgets it on clear, and never keeps a failure', async () => {
    let clock = 0;
    let calls = 0;
    let fail = false;
    const memo = memoFor(
      1000,
      async () => {
        calls += 1;
        if (fail) throw new Error('storage');
        return calls;
      },
      () => clock,
    );
    expect(await memo()).toBe(1);
    clock = 999;
    expect(await memo()).toBe(1);
    clock = 1000;
    expect(await memo()).toBe(2);
    memo.clear();
    expect(await memo()).toBe(3);
    memo.clear();
    fail = true;
    await expect(memo()).rejects.toThrow('storage');
    fail = false;
    expect(await memo()).toBe(5);
  });
});
