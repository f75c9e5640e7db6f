import type { Survey } from '../../contract';
import { i18n } from '../../utils/i18n';

/** A survey's status as a pill, and whether its cap is reached (it is then no longer shown). */
export function SurveyStatusPill({ survey }: { survey: Pick<Survey, 'status' | 'capReached'> }) {
  return (
    <>
      <span className={`pill survey-${survey.status}`} data-testid="survey-status">
        {i18n.t(`surveys.status.${survey.status}`)}
      </span>
      {survey.capReached && <span className="muted"> {i18n.t('surveys.capReached')}</span>}
    </>
  );
}
