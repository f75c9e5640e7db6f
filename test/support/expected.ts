import type { QualityEventRow, Verdict } from '../../contract';
import { riskOf } from '../../utils/overlay/risk';

/** What a badge must show for one item, computed straight from the seed. */
export interface Expected {
  audits: number;
  incorrect: number;
  overturns: number;
  goldChecks: number;
  lastVerdict: Verdict | null;
}

/**
 * The test oracle: per-item summaries computed in plain TypeScript from the
 * seed events, independently of the API's SQL, so the end-to-end tests catch
 * a wrong aggregate anywhere along the chain.
 */
export function expectedSummaries(events: readonly QualityEventRow[]): Map<string, Expected> {
  const out = new Map<string, Expected & { lastAt: string; lastId: string }>();
  for (const event of events) {
    const key = `${event.site}/${event.itemKey}`;
    const entry = out.get(key) ?? {
      audits: 0,
      incorrect: 0,
      overturns: 0,
      goldChecks: 0,
      lastVerdict: null,
      lastAt: '',
      lastId: '',
    };
    entry.audits += 1;
    if (event.verdict === 'incorrect') entry.incorrect += 1;
    if (event.kind === 'appeal' && event.verdict === 'incorrect') entry.overturns += 1;
    if (event.kind === 'gold_check') entry.goldChecks += 1;
    const newer = event.occurredAt > entry.lastAt || (event.occurredAt === entry.lastAt && event.id > entry.lastId);
    if (newer) {
      entry.lastAt = event.occurredAt;
      entry.lastId = event.id;
      entry.lastVerdict = event.verdict;
    }
    out.set(key, entry);
  }
  return out;
}

/** The badge's accessible label for an expected summary, in English (see utils/overlay/badge.ts). */
export function badgeLabelPrefix(expected: Expected | undefined): string {
  if (!expected || expected.audits === 0) return 'QA Lens: No audits yet';
  const risk = { none: 'Not audited', low: 'Low risk', medium: 'Medium risk', high: 'High risk' }[riskOf(expected)];
  const audits = `${expected.audits} audit${expected.audits === 1 ? '' : 's'}`;
  const incorrect = expected.incorrect === 0 ? 'none incorrect' : `${expected.incorrect} incorrect`;
  const overturns = expected.overturns === 0 ? 'never overturned' : `${expected.overturns} overturned`;
  const gold =
    expected.goldChecks === 0
      ? ''
      : `, gold item (${expected.goldChecks} check${expected.goldChecks === 1 ? '' : 's'})`;
  const verdict = expected.lastVerdict === 'partially_correct' ? 'partly correct' : expected.lastVerdict;
  return `QA Lens: ${risk}, ${audits}, ${incorrect}, ${overturns}${gold}, last verdict ${verdict}`;
}

/** Matches a badge label that starts with the expected summary (the relative date follows). */
export function badgeLabelPattern(expected: Expected | undefined): RegExp {
  return new RegExp(`^${badgeLabelPrefix(expected).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}
