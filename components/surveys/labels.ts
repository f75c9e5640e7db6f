import type { Survey, SurveyAnswerOption, SurveyKind } from '../../contract';
import { formatDateTime, formatNumber } from '../../utils/format';
import { i18n } from '../../utils/i18n';

/** What to call an answer in charts and tables: yes/no in the reader's language, else the survey's own words. */
export function answerLabel(kind: SurveyKind, option: SurveyAnswerOption): string {
  if (kind === 'yes_no' && (option.key === 'yes' || option.key === 'no'))
    return i18n.t(`surveys.answers.${option.key}`);
  return option.label;
}

/** "Mar 1, 2026, 9:30 AM – Mar 8, 2026, 9:30 AM" in the reader's language and time zone. */
export function windowText(survey: Pick<Survey, 'window'>): string {
  return i18n.t('surveys.windowRange', {
    from: formatDateTime(survey.window.startsAt),
    to: formatDateTime(survey.window.endsAt),
  });
}

/** "12 / 200": answers so far of the cap. */
export function responsesText(survey: Pick<Survey, 'responseCount' | 'responseCap'>): string {
  return i18n.t('surveys.responsesOfCap', {
    count: formatNumber(survey.responseCount),
    cap: formatNumber(survey.responseCap),
  });
}

/** A group's value, or words for the answers that carried none. */
export function groupValueLabel(value: string | null): string {
  return value ?? i18n.t('surveys.results.noValue');
}
