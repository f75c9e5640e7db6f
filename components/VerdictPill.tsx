import type { Verdict } from '../contract/quality';
import { i18n } from '../utils/i18n';

/** A coloured pill naming a QA verdict. */
export function VerdictPill({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) return <span className="pill">{i18n.t('verdict.none')}</span>;
  return <span className={`pill ${verdict}`}>{i18n.t(`verdict.${verdict}`)}</span>;
}
