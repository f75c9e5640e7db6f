import { describe, expect, it } from 'vitest';
import { riskOf } from '../../utils/overlay/risk';

const summary = (
  audits: number,
  incorrect: number,
  overturns: number,
  lastVerdict: 'correct' | 'incorrect' | 'partially_correct' | null,
) => ({
  audits,
  incorrect,
  overturns,
  lastVerdict,
});

describe('riskOf', () => {
  it('is none without audits', () => expect(riskOf(summary(0, 0, 0, null))).toBe('none'));
  it('is low when every audit found the decision correct', () =>
    expect(riskOf(summary(5, 0, 0, 'correct'))).toBe('low'));
  it('is medium after one incorrect verdict that was later corrected', () =>
    expect(riskOf(summary(10, 1, 0, 'correct'))).toBe('medium'));
  it('is medium after one overturn', () => expect(riskOf(summary(10, 0, 1, 'correct'))).toBe('medium'));
  it('is medium when the last verdict was partly correct', () =>
    expect(riskOf(summary(10, 0, 0, 'partially_correct'))).toBe('medium'));
  it('is high when the last verdict was incorrect', () => expect(riskOf(summary(10, 1, 0, 'incorrect'))).toBe('high'));
  it('is high after two overturns', () => expect(riskOf(summary(10, 2, 2, 'correct'))).toBe('high'));
  it('is high at 30% incorrect from 3 audits on, not below 3 audits', () => {
    expect(riskOf(summary(10, 3, 0, 'correct'))).toBe('high');
    expect(riskOf(summary(10, 2, 0, 'correct'))).toBe('medium');
    expect(riskOf(summary(2, 1, 0, 'correct'))).toBe('medium');
  });
});
