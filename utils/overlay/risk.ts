import type { ItemSummary } from '../../contract/quality';

/**
 * How much an item's history should make a reviewer slow down, from its
 * summary alone (so a badge can say it without another request):
 * - `high`: the last verdict was incorrect, two or more appeals overturned
 *   it, or at least 3 audits with 30% or more incorrect;
 * - `medium`: any incorrect verdict or overturn, or a partly correct last verdict;
 * - `low`: audited, never found wrong;
 * - `none`: no audits yet.
 */
export type Risk = 'none' | 'low' | 'medium' | 'high';

/** Share of incorrect audits, from 3 audits on, that makes an item high risk. */
const HIGH_INCORRECT_SHARE = 0.3;

/** The risk level a badge colours by. */
export function riskOf(summary: Pick<ItemSummary, 'audits' | 'incorrect' | 'overturns' | 'lastVerdict'>): Risk {
  const { audits, incorrect, overturns, lastVerdict } = summary;
  if (audits === 0) return 'none';
  if (lastVerdict === 'incorrect' || overturns >= 2) return 'high';
  if (audits >= 3 && incorrect / audits >= HIGH_INCORRECT_SHARE) return 'high';
  if (incorrect > 0 || overturns > 0 || lastVerdict === 'partially_correct') return 'medium';
  return 'low';
}

/** Every level, lowest first: legends list them in this order. */
export const RISK_LEVELS: readonly Risk[] = ['none', 'low', 'medium', 'high'];
