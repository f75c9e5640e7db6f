import { createRoute, z } from '@hono/zod-openapi';
import {
  SURVEY_PUSH_MAX,
  SurveyResponsePushEnvelope,
  SurveyResponsePushRequest,
  SurveyResponsePushResponse,
  SurveyResponseSyncQuery,
  SurveyResponseSyncResponse,
  SurveySyncQuery,
  SurveySyncResponse,
} from '../../contract';
import { ALL_ROLES, bearerSecurity, requireRoles } from '../auth';
import { errorResponses } from '../errors';
import { enforceRate } from '../rate-limit';
import { pushSurveyResponses } from '../survey-push';
import { ownResponsesSince } from '../survey-responses';
import { syncSurveys } from '../survey-store';
import { pushBodySchema, readPushEnvelope } from './push-envelope';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const pushBody = pushBodySchema(SurveyResponsePushRequest);

/** Registers what every signed-in client calls: the survey pull, the answer push and the pull of own answers. */
export function registerSurveySyncRoutes(app: Api, deps: RouteDeps): void {
  const anyone = requireRoles(deps.db, deps.now, ALL_ROLES);

  const pull = createRoute({
    method: 'get',
    path: '/v1/sync/surveys',
    summary: 'Surveys that are or were active, changed after the cursor, oldest change first (any signed-in user)',
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { query: SurveySyncQuery },
    responses: {
      200: { description: 'A page of surveys', content: json(SurveySyncResponse) },
      ...errorResponses(400, 401),
    },
  });
  app.openapi(pull, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await syncSurveys(deps.db, Number(since ?? 0), limit), 200);
  });

  const push = createRoute({
    method: 'post',
    path: '/v1/sync/survey-responses',
    summary: 'Push survey answers from the outbox; each id is stored once, and each answer gets its own outcome',
    description:
      `Up to ${SURVEY_PUSH_MAX} answers; the caller is the respondent. A retry of a stored id with the same content ` +
      'is `duplicate` (success); other content under a stored id is `rejected` `id_conflict`; a second answer for ' +
      'the same survey and item under another id is `rejected` `already_answered`; see SurveyRejectCode for the rest.',
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { body: { required: true, content: { 'application/json': { schema: pushBody } } } },
    responses: {
      200: { description: 'One result per answer, in request order', content: json(SurveyResponsePushResponse) },
      ...errorResponses(400, 401, 413, 415, 429),
    },
  });
  app.openapi(push, async (c) => {
    const envelope = await readPushEnvelope(c, SurveyResponsePushEnvelope, 'the answers');
    const { responses } = envelope;
    const user = c.get('user').id;
    // Counted in answers, not requests: one request may carry 50.
    const rule = deps.policy.surveyResponsePushes;
    await enforceRate(deps.db, `survey-push:${user}`, responses.length, rule, deps.now(), 'survey answers');
    return c.json({ results: await pushSurveyResponses(deps.db, user, responses, deps.now()) }, 200);
  });

  const own = createRoute({
    method: 'get',
    path: '/v1/sync/survey-responses',
    summary: "The caller's own answers stored after the cursor, oldest first; nobody pulls anyone else's",
    security: bearerSecurity,
    middleware: [anyone] as const,
    request: { query: SurveyResponseSyncQuery },
    responses: {
      200: { description: 'A page of own answers', content: json(SurveyResponseSyncResponse) },
      ...errorResponses(400, 401),
    },
  });
  app.openapi(own, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await ownResponsesSince(deps.db, c.get('user').id, Number(since ?? 0), limit), 200);
  });
}
