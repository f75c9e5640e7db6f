import { SURVEY_PUSH_BODY_MAX, SURVEY_PUSH_MAX, type SurveyResponseInput } from '../../contract';
import type { StoredSurveyResponse, SurveyRejection } from '../db/app-db';
import type { OutboxCollection } from '../sync/outbox-collection';

/**
 * Survey answers in the outbox: pushed to `POST /v1/sync/survey-responses`. The route has no
 * revisions; "duplicate" (a retry of a stored id) is success like "created".
 */
export const surveyResponseOutbox: OutboxCollection<StoredSurveyResponse, SurveyResponseInput> = {
  name: 'surveyResponses',
  noun: 'answer',
  maxRecords: SURVEY_PUSH_MAX,
  // Half the route's body limit, as reports keep theirs: each request stays short.
  maxBytes: SURVEY_PUSH_BODY_MAX / 2,
  revisions: false,
  table: (db) => db.surveyResponses,
  pushInput: (_db, response) => surveyPushInput(response),
  push: async (api, responses) => (await api.pushSurveyResponses({ responses })).results,
  sent: (response) => ({ ...response, localState: 'sent', rejection: null }),
  // The code comes from the push route's own answer, checked against SurveyResponsePushResponse.
  rejected: (response, rejection) => ({ ...response, localState: 'rejected', rejection: rejection as SurveyRejection }),
};

/** A stored answer as the contract's push input: the same content on every try, as the API requires. */
export function surveyPushInput(stored: StoredSurveyResponse): SurveyResponseInput {
  return {
    id: stored.id,
    surveyId: stored.surveyId,
    answer: stored.answer,
    comment: stored.comment,
    context: stored.context,
    answeredAt: stored.answeredAt,
  };
}
