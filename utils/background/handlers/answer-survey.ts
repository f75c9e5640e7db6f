import { i18n } from '../../i18n';
import { readAuth } from '../../settings';
import { saveAnswer } from '../../surveys/survey-answers';
import { defineHandler } from '../services';

/** Saves the signed-in user's answer to a survey card with its outbox entry, then asks for a sync. */
export default defineHandler('answerSurvey', async (request, { services }) => {
  const auth = await readAuth();
  if (!auth) throw new Error(i18n.t('survey.signIn'));
  const { outcome } = await saveAnswer(services.db, request, { ownerId: auth.user.id });
  return { outcome };
});
