import { createRoute, z } from '@hono/zod-openapi';
import {
  answerOptions,
  SurveyCreateRequest,
  SurveyId,
  SurveyListQuery,
  SurveyListResponse,
  SurveyPatch,
  SurveyRecordResponse,
  SurveyResults,
  SurveyResultsQuery,
  type Survey,
} from '../../contract';
import { bearerSecurity, requireRoles } from '../auth';
import { csvHeaders, csvStream, type CsvColumn } from '../csv';
import { ApiError, errorResponses } from '../errors';
import { patchSurvey, type SurveyPatchRefusal } from '../survey-patch';
import { surveyResponseRows, type ExportedResponse } from '../survey-responses';
import { resultsCsvRows, surveyResults, type ResultsCsvRow } from '../survey-results';
import { createSurvey, findSurvey, listSurveys } from '../survey-store';
import { registerSurveySyncRoutes } from './survey-sync';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const idParam = z.object({ id: SurveyId });
const csv = { 'text/csv': { schema: { type: 'string' as const } } };

/** Registers the analysts' survey routes (create, list, read, patch, results, exports) and the clients' sync. */
export function registerSurveyRoutes(app: Api, deps: RouteDeps): void {
  registerAnalystRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerSurveySyncRoutes(app, deps);
}

/** The survey or a 404. */
async function surveyOr404(deps: RouteDeps, id: string): Promise<Survey> {
  const survey = await findSurvey(deps.db, id);
  if (!survey) throw new ApiError(404, 'not_found', `no survey ${id}`);
  return survey;
}

function registerAnalystRoutes(app: Api, deps: RouteDeps): void {
  const analysts = requireRoles(deps.db, deps.now, ['admin', 'analyst']);

  const create = createRoute({
    method: 'post',
    path: '/v1/surveys',
    summary: 'Create a survey (analysts, admins), as a draft or active',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { body: { required: true, content: json(SurveyCreateRequest) } },
    responses: {
      201: { description: 'Created', content: json(SurveyRecordResponse) },
      ...errorResponses(400, 401, 403, 415),
    },
  });
  app.openapi(create, async (c) => {
    const { status, ...input } = c.req.valid('json');
    return c.json({ survey: await createSurvey(deps.db, input, status, c.get('user').id) }, 201);
  });

  const list = createRoute({
    method: 'get',
    path: '/v1/surveys',
    summary: 'Surveys newest first, with their response counts (analysts, admins)',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { query: SurveyListQuery },
    responses: {
      200: { description: 'A page of surveys', content: json(SurveyListResponse) },
      ...errorResponses(400, 401, 403),
    },
  });
  app.openapi(list, async (c) => c.json(await listSurveys(deps.db, c.req.valid('query')), 200));

  const read = createRoute({
    method: 'get',
    path: '/v1/surveys/{id}',
    summary: 'One survey with its response count (analysts, admins)',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { params: idParam },
    responses: {
      200: { description: 'The survey', content: json(SurveyRecordResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(read, async (c) => c.json({ survey: await surveyOr404(deps, c.req.valid('param').id) }, 200));

  const patch = createRoute({
    method: 'patch',
    path: '/v1/surveys/{id}',
    summary: 'Edit a survey, activate or close it (analysts, admins)',
    description:
      'Each field sent replaces the stored one. A draft changes freely; an active survey keeps its question, kind, ' +
      'scale and options once anyone answered (409 `survey_has_responses`) and can only be closed, not made a draft ' +
      'again (409 `invalid_transition`); a closed survey is final (409 `survey_closed`). With `expectedRevision`, a ' +
      'survey changed meanwhile answers 409 `stale_revision`. A patch that changes nothing writes nothing.',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { params: idParam, body: { required: true, content: json(SurveyPatch) } },
    responses: {
      200: { description: 'The survey as it now is', content: json(SurveyRecordResponse) },
      ...errorResponses(400, 401, 403, 404, 409, 415),
    },
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const result = await patchSurvey(deps.db, id, c.req.valid('json'));
    if (!result.ok) throw refusalError(id, result);
    return c.json({ survey: result.survey }, 200);
  });

  const results = createRoute({
    method: 'get',
    path: '/v1/surveys/{id}/results',
    summary: 'Exact answer counts per option, overall and per site, queue, policy or section (analysts, admins)',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { params: idParam, query: SurveyResultsQuery },
    responses: {
      200: { description: 'The results', content: json(SurveyResults) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(results, async (c) => {
    const survey = await surveyOr404(deps, c.req.valid('param').id);
    return c.json(await surveyResults(deps.db, survey, c.req.valid('query').groupBy), 200);
  });
}

/** The error a refused patch answers. */
function refusalError(id: string, refusal: SurveyPatchRefusal): ApiError {
  switch (refusal.reason) {
    case 'not_found':
      return new ApiError(404, 'not_found', `no survey ${id}`);
    case 'stale_revision':
      return new ApiError(409, 'stale_revision', `survey ${id} changed meanwhile (now revision ${refusal.revision})`);
    case 'survey_closed':
      return new ApiError(409, 'survey_closed', `survey ${id} is closed; a closed survey cannot change`);
    case 'invalid_transition':
      return new ApiError(
        409,
        'invalid_transition',
        `survey ${id} cannot go from ${refusal.from} to ${refusal.to}; an active survey can only be closed`,
      );
    case 'survey_has_responses': {
      const message = `survey ${id} has ${refusal.responseCount} answers, so its ${refusal.fields.join(', ')} cannot change; close it and create a new survey`;
      return new ApiError(
        409,
        'survey_has_responses',
        message,
        refusal.fields.map((path) => ({ path, message: 'fixed once the survey has answers' })),
      );
    }
    case 'invalid': {
      const first = refusal.details[0]!;
      return new ApiError(400, 'invalid_request', `invalid survey: ${first.path}: ${first.message}`, refusal.details);
    }
  }
}

const RESULT_COLUMNS: CsvColumn<ResultsCsvRow>[] = [
  { header: 'scope', value: (row) => row.scope },
  { header: 'group_by', value: (row) => row.groupBy },
  { header: 'group_value', value: (row) => row.value },
  { header: 'option', value: (row) => row.option },
  { header: 'label', value: (row) => row.label },
  { header: 'count', value: (row) => row.count },
  { header: 'total', value: (row) => row.total },
  { header: 'mean', value: (row) => row.mean },
];

/** Columns of the responses export; `label` names the answer as the survey words it. */
function responseColumns(survey: Survey): CsvColumn<ExportedResponse>[] {
  const labels = new Map(answerOptions(survey).map((option) => [option.key, option.label]));
  return [
    { header: 'id', value: (row) => row.id },
    { header: 'received_at', value: (row) => row.receivedAt },
    { header: 'answered_at', value: (row) => row.answeredAt },
    { header: 'respondent', value: (row) => row.respondent },
    { header: 'respondent_name', value: (row) => row.respondentName },
    { header: 'answer', value: (row) => row.answer },
    { header: 'answer_label', value: (row) => labels.get(row.answer) ?? row.answer },
    { header: 'comment', value: (row) => row.comment },
    { header: 'site', value: (row) => row.site },
    { header: 'item_key', value: (row) => row.itemKey },
    { header: 'queue', value: (row) => row.queue },
    { header: 'policy', value: (row) => row.policy },
    { header: 'section_id', value: (row) => row.sectionId },
    { header: 'guideline_version', value: (row) => row.guidelineVersion },
    { header: 'page_url', value: (row) => row.pageUrl },
    { header: 'fields', value: (row) => row.fields },
  ];
}

async function* each<T>(rows: T[]): AsyncIterable<T> {
  yield* rows;
}

function registerExportRoutes(app: Api, deps: RouteDeps): void {
  const analysts = requireRoles(deps.db, deps.now, ['admin', 'analyst']);

  const resultsCsv = createRoute({
    method: 'get',
    path: '/v1/surveys/{id}/results.csv',
    summary: 'The results as CSV: one row per option, overall and per group (analysts, admins)',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { params: idParam, query: SurveyResultsQuery },
    responses: { 200: { description: 'CSV with a header row', content: csv }, ...errorResponses(400, 401, 403, 404) },
  });
  app.openapi(resultsCsv, async (c) => {
    const survey = await surveyOr404(deps, c.req.valid('param').id);
    const { groupBy } = c.req.valid('query');
    const rows = resultsCsvRows(await surveyResults(deps.db, survey, groupBy));
    const name = `survey-${survey.id}-results${groupBy ? `-by-${groupBy}` : ''}.csv`;
    return c.body(csvStream(RESULT_COLUMNS, each(rows)), 200, csvHeaders(name));
  });

  const responsesCsv = createRoute({
    method: 'get',
    path: '/v1/surveys/{id}/responses.csv',
    summary: 'Every answer with its item context, in arrival order, as CSV (analysts, admins)',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { params: idParam },
    responses: { 200: { description: 'CSV with a header row', content: csv }, ...errorResponses(400, 401, 403, 404) },
  });
  app.openapi(responsesCsv, async (c) => {
    const survey = await surveyOr404(deps, c.req.valid('param').id);
    const body = csvStream(responseColumns(survey), surveyResponseRows(deps.db, survey.id));
    return c.body(body, 200, csvHeaders(`survey-${survey.id}-responses.csv`));
  });
}
