import type { SurveyCreateRequest, SurveyResponseInput } from '../../contract';

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
