import { expect } from 'vitest';
import {
  ApiErrorBody,
  SurveyRecordResponse,
  SurveyResponsePushResponse,
  SurveyResults,
  SurveySyncResponse,
  type Survey,
  type SurveyCreateRequest,
  type SurveyPatch,
  type SurveyResponseInput,
  type SurveyResponsePushResult,
} from '../../contract';
import type { useTestApp } from './harness';

/** A fixed, valid UUIDv7 numbered `n` for answers: tests name them without a clock. */
export function responseId(n: number): string {
  return `0190a5b2-7c3e-7def-8abc-${n.toString(16).padStart(12, '0')}`;
}

/** The window every fixture survey is open in: the whole of 2026. */
export const WINDOW = { startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z' };

/** A moment inside WINDOW, the tests' clock. */
export const NOW = new Date('2026-03-01T12:00:00.000Z');

/** A yes/no survey on the demo moderation queue `posts`, active; override what the test is about. */
export function yesNoSurvey(overrides: Partial<SurveyCreateRequest> = {}): SurveyCreateRequest {
  return {
    question: 'Was the hate-speech section clear for this item?',
    kind: 'yes_no',
    allowComment: true,
    target: { sites: ['demo-moderation'], queues: ['posts'], policies: [], sections: [], fields: [] },
    window: WINDOW,
    samplingRate: 1,
    responseCap: 1000,
    status: 'active',
    ...overrides,
  };
}

/** A 1–5 scale survey with words for its ends. */
export function scaleSurvey(overrides: Partial<SurveyCreateRequest> = {}): SurveyCreateRequest {
  return yesNoSurvey({
    question: 'How clear was section 5.3 for this item?',
    kind: 'scale',
    scale: { min: 1, max: 5, minLabel: 'Not clear', maxLabel: 'Very clear' },
    ...overrides,
  });
}

/** A choice survey with three options. */
export function choiceSurvey(overrides: Partial<SurveyCreateRequest> = {}): SurveyCreateRequest {
  return yesNoSurvey({
    question: 'Which part of the guideline did you use?',
    kind: 'choice',
    options: [
      { id: 'examples', label: 'The examples' },
      { id: 'definition', label: 'The definition' },
      { id: 'none', label: 'None of it' },
    ],
    ...overrides,
  });
}

/** An answer numbered `n` to `surveyId` about item `item-<n>` of the posts queue, with its whole context. */
export function answer(n: number, surveyId: string, overrides: Partial<SurveyResponseInput> = {}): SurveyResponseInput {
  return {
    id: responseId(n),
    surveyId,
    answer: true,
    comment: null,
    context: {
      site: 'demo-moderation',
      itemKey: `PST-${String(n).padStart(5, '0')}`,
      queue: 'posts',
      policy: 'hate_speech',
      sectionId: 'hate-speech',
      guidelineVersion: 'mod-2026.3',
      pageUrl: 'http://localhost:4173/moderation/queues/posts',
      fields: { queue: 'posts', category: 'Commentary' },
    },
    answeredAt: '2026-03-01T11:59:00.000Z',
    ...overrides,
  };
}

/** The calls survey tests make, through the app, each checking its status. */
export function surveyApi(t: ReturnType<typeof useTestApp>) {
  const ok = async (res: Response, status: number) => {
    expect(res.status, await res.clone().text()).toBe(status);
    return res.json() as Promise<unknown>;
  };
  const api = {
    /** Creates a survey as `token` and returns it. */
    async create(token: string, body: SurveyCreateRequest = yesNoSurvey()): Promise<Survey> {
      const res = await t.request('POST', '/v1/surveys', { token, json: body });
      return SurveyRecordResponse.parse(await ok(res, 201)).survey;
    },
    patchRaw: (token: string, id: string, body: unknown) =>
      t.request('PATCH', `/v1/surveys/${id}`, { token, json: body }),
    async patch(token: string, id: string, body: SurveyPatch): Promise<Survey> {
      return SurveyRecordResponse.parse(await ok(await api.patchRaw(token, id, body), 200)).survey;
    },
    async get(token: string, id: string): Promise<Survey> {
      return SurveyRecordResponse.parse(await ok(await t.request('GET', `/v1/surveys/${id}`, { token }), 200)).survey;
    },
    pushRaw: (token: string, responses: unknown[]) =>
      t.request('POST', '/v1/sync/survey-responses', { token, json: { responses } }),
    async push(token: string, responses: unknown[]): Promise<SurveyResponsePushResult[]> {
      return SurveyResponsePushResponse.parse(await ok(await api.pushRaw(token, responses), 200)).results;
    },
    async sync(token: string, query = ''): Promise<SurveySyncResponse> {
      return SurveySyncResponse.parse(await ok(await t.request('GET', `/v1/sync/surveys?${query}`, { token }), 200));
    },
    async results(token: string, id: string, query = ''): Promise<SurveyResults> {
      const res = await t.request('GET', `/v1/surveys/${id}/results?${query}`, { token });
      return SurveyResults.parse(await ok(res, 200));
    },
    /** The error body of a refused request, after checking its status. */
    async error(res: Response, status: number) {
      expect(res.status, await res.clone().text()).toBe(status);
      return ApiErrorBody.parse(await res.json()).error;
    },
  };
  return api;
}
