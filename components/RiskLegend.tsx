import { RISK_LEVELS } from '../utils/overlay/risk';
import { i18n } from '../utils/i18n';

/** What a badge's colour means: one swatch per risk level, with its name (the same colours as the badges). */
export function RiskLegend() {
  return (
    <section className="risk-legend" aria-labelledby="risk-legend-title" data-testid="risk-legend">
      <h2 id="risk-legend-title">{i18n.t('guidelines.legend')}</h2>
      <ul>
        {RISK_LEVELS.map((risk) => (
          <li key={risk}>
            <span className={`swatch risk-${risk}`} aria-hidden="true" />
            {i18n.t(`overlay.risk.${risk}`)}
          </li>
        ))}
      </ul>
      <p className="muted">{i18n.t('legend.glyphs')}</p>
    </section>
  );
}
