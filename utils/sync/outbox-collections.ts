import { reportOutbox } from '../reports/report-outbox';
import { surveyResponseOutbox } from '../surveys/survey-outbox';
import { anyCollection, type AnyOutboxCollection } from './outbox-collection';

/**
 * Every collection that shares the outbox, in the order a push run serves them. Gap reports go
 * first: they are what the outbox was built for, and a survey answer is small and never urgent.
 */
export const OUTBOX_COLLECTIONS: readonly AnyOutboxCollection[] = [
  anyCollection(reportOutbox),
  anyCollection(surveyResponseOutbox),
];
