import {
  answerKey,
  SurveyResponseInput,
  SurveyResponsePushEnvelope,
  zodDetails,
  type OwnSurveyResponse,
  type SurveyRejectCode,
  type SurveyResponsePushResult,
  type SyncedSurvey,
} from '../../contract';
import type { FakeRequest, FakeRoutes } from './report-sync-fake-api';

/*
 * The API's survey sync routes as a stand-in behind the report fake's `fetch` (its faults apply to
 * them too): surveys by revision, answers stored once by id (a retry with the same content is
 * "duplicate"), one answer per survey and item, and the caller's own answers pulled back in the
 * order they were stored.
 */

/** A yes/no survey on the demo queue's videos, active all of 2026. */
export function surveyFixture(overrides: Partial<SyncedSurvey> = {}): SyncedSurvey {
  return {
    id: '01960000-0000-7000-8000-000000000001',
    question: 'Is the self-harm section clear about challenge videos?',
    kind: 'yes_no',
    scale: null,
    options: null,
    allowComment: true,
    target: { sites: ['demo-moderation'], queues: ['videos'], policies: [], sections: [], fields: [] },
    window: { startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z' },
    samplingRate: 1,
    responseCap: 100,
    status: 'active',
    updatedAt: '2026-01-01T00:00:00.000Z',
    revision: 1,
    capReached: false,
    ...overrides,
  };
}

export function fakeSurveyRoutes({ serverNow = () => new Date('2026-05-01T10:00:00Z') } = {}) {
  const surveys = new Map<string, SyncedSurvey>();
  const answers = new Map<string, { content: string; record: OwnSurveyResponse; seq: number }>();
  let seq = 0;
  let revision = 0;

  function rejected(index: number, id: string | null, code: SurveyRejectCode): SurveyResponsePushResult {
    return { index, id, outcome: 'rejected', code, message: `refused: ${code}` };
  }

  function pushOne(raw: unknown, index: number): SurveyResponsePushResult {
    const parsed = SurveyResponseInput.safeParse(raw);
    if (!parsed.success) {
      return { ...rejected(index, null, 'invalid'), details: zodDetails(parsed.error) };
    }
    const input = parsed.data;
    const content = JSON.stringify(input);
    const stored = answers.get(input.id);
    if (stored) {
      return stored.content === content
        ? { index, id: input.id, outcome: 'duplicate' }
        : rejected(index, input.id, 'id_conflict');
    }
    const survey = surveys.get(input.surveyId);
    if (!survey) return rejected(index, input.id, 'unknown_survey');
    if (survey.status === 'closed') return rejected(index, input.id, 'survey_closed');
    if (answerKey(survey, input.answer) === null) return rejected(index, input.id, 'invalid_answer');
    const same = [...answers.values()].some(
      ({ record }) =>
        record.surveyId === input.surveyId &&
        record.context.site === input.context.site &&
        record.context.itemKey === input.context.itemKey,
    );
    if (same) return rejected(index, input.id, 'already_answered');
    seq += 1;
    const record: OwnSurveyResponse = {
      id: input.id,
      surveyId: input.surveyId,
      answer: input.answer,
      comment: input.comment ?? null,
      context: input.context,
      answeredAt: input.answeredAt,
      receivedAt: serverNow().toISOString(),
    };
    answers.set(input.id, { content, record, seq });
    return { index, id: input.id, outcome: 'created' };
  }

  function page<T>(rows: { key: number; value: T }[], params: URLSearchParams) {
    const since = Number(params.get('since') ?? '0');
    const limit = Number(params.get('limit') ?? '100');
    const after = rows.filter((row) => row.key > since).sort((a, b) => a.key - b.key);
    const shown = after.slice(0, limit);
    return {
      rows: shown.map((row) => row.value),
      nextCursor: String(shown.at(-1)?.key ?? since),
      hasMore: after.length > limit,
    };
  }

  const routes: FakeRoutes = ({ method, path, params, body }: FakeRequest) => {
    if (path === '/v1/sync/surveys' && method === 'GET') {
      const { rows, ...rest } = page(
        [...surveys.values()].map((survey) => ({ key: survey.revision, value: survey })),
        params,
      );
      return { status: 200, body: { surveys: rows, ...rest } };
    }
    if (path === '/v1/sync/survey-responses' && method === 'GET') {
      const { rows, ...rest } = page(
        [...answers.values()].map(({ seq: key, record }) => ({ key, value: record })),
        params,
      );
      return { status: 200, body: { responses: rows, ...rest } };
    }
    if (path === '/v1/sync/survey-responses' && method === 'POST') {
      const envelope = SurveyResponsePushEnvelope.safeParse(body);
      if (!envelope.success)
        return { status: 400, body: { error: { code: 'invalid_request', message: 'not a push' } } };
      return { status: 200, body: { results: envelope.data.responses.map(pushOne) } };
    }
    return null;
  };

  return {
    routes,
    answers,
    /** Publishes or changes a survey, giving it the next revision. */
    putSurvey(survey: SyncedSurvey): SyncedSurvey {
      revision += 1;
      const stored = { ...survey, revision };
      surveys.set(survey.id, stored);
      return stored;
    },
  };
}

export type FakeSurveyRoutes = ReturnType<typeof fakeSurveyRoutes>;
