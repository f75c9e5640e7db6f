import { readAuth } from '../../settings';
import { dismissSurvey } from '../../surveys/survey-answers';
import { defineHandler } from '../services';

/** Records "Not now": the signed-in user is not asked this survey about this item again. */
export default defineHandler('dismissSurvey', async ({ surveyId, site, itemKey }, { services }) => {
  const auth = await readAuth();
  if (!auth) return;
  await dismissSurvey(services.db, { ownerId: auth.user.id, surveyId, site, itemKey });
});
