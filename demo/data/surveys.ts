import type { SurveyCreateRequest } from '../../contract';
import { DEMO_SITES } from './types';

const DAY_MS = 86_400_000;

/** A survey the demo publishes, with the fixed id restarts recognise it by. */
export type DemoSurvey = SurveyCreateRequest & { id: string; createdBy: string };

/**
 * A fixed UUIDv7 (its time part is 2024-06: older than anything an analyst creates, so it lists last).
 * Restarts and the end-to-end tests find the survey by it.
 */
export const DEMO_SURVEY_ID = '01900000-0000-7000-8000-00000000d301';

/**
 * The demo's one micro-survey: a yes/no question with a comment, shown on every item of the Posts
 * queue of the moderation console (its adapter reads the queue from the URL) and on no other queue.
 * Open from the day before the anchor for a year, to everyone, up to 10,000 answers.
 */
export function demoSurveys(anchor: Date): DemoSurvey[] {
  return [
    {
      id: DEMO_SURVEY_ID,
      createdBy: 'analyst.riley',
      question: 'Was the hate-speech section clear for this item?',
      kind: 'yes_no',
      allowComment: true,
      target: { sites: [DEMO_SITES.moderation], queues: ['posts'], policies: [], sections: [], fields: [] },
      window: {
        startsAt: new Date(anchor.getTime() - DAY_MS).toISOString(),
        endsAt: new Date(anchor.getTime() + 365 * DAY_MS).toISOString(),
      },
      samplingRate: 1,
      responseCap: 10_000,
      status: 'active',
    },
  ];
}
