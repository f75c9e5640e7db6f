import type { Verdict } from '../contract/quality';

const TEXT: Record<Verdict, string> = {
  correct: 'Correct',
  incorrect: 'Incorrect',
  partially_correct: 'Partially correct',
};

/** A coloured pill naming a QA verdict. */
export function VerdictPill({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) return <span className="pill">No verdict</span>;
  return <span className={`pill ${verdict}`}>{TEXT[verdict]}</span>;
}
