import type { Survey } from '../../contract';
import { i18n } from '../../utils/i18n';

/** Why an active survey is not shown right now, or null when it is (or is not active). */
export function pauseReason(survey: Pick<Survey, 'status' | 'capReached' | 'window'>, now: Date): string | null {
  if (survey.capReached) return i18n.t('surveys.capReached');
  if (survey.status !== 'active') return null;
  if (now.getTime() < Date.parse(survey.window.startsAt)) return i18n.t('surveys.notStarted');
  if (now.getTime() >= Date.parse(survey.window.endsAt)) return i18n.t('surveys.ended');
  return null;
}

/**
 * A survey's status as a pill, and why an active survey is not being shown right now: its cap is
 * reached, or its window has not begun or is over (by this browser's clock; the server decides).
 */
export function SurveyStatusPill({
  survey,
  now = new Date(),
}: {
  survey: Pick<Survey, 'status' | 'capReached' | 'window'>;
  now?: Date;
}) {
  const note = pauseReason(survey, now);
  return (
    <>
      <span className={`pill survey-${survey.status}`} data-testid="survey-status">
        {i18n.t(`surveys.status.${survey.status}`)}
      </span>
      {note && <span className="muted"> {note}</span>}
    </>
  );
}
