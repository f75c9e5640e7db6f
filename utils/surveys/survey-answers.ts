import { v7 } from 'uuid';
import {
  answerKey,
  surveyApplies,
  SurveyResponseInput,
  zodDetails,
  type ErrorDetail,
  type SurveyAnswer,
  type SurveyResponseContext,
} from '../../contract';
import type { AppDB, StoredSurveyResponse } from '../db/app-db';
import { i18n } from '../i18n';
import { strictConnection } from '../sync/strict-db';
import { requestSync } from '../sync/sync-trigger';

/** What the survey card hands over: the id and the time are made when it is saved. */
export interface NewSurveyAnswer {
  surveyId: string;
  answer: SurveyAnswer;
  comment?: string | null;
  /** The item as the background offered the survey on it (site and item key included). */
  context: SurveyResponseContext;
}

/** An answer that was not saved, and why: the message for the person, each detail naming a field. */
export class AnswerRefused extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super(details.map((detail) => detail.message).join('; '));
    this.name = 'AnswerRefused';
  }
}

export interface AnswerOptions {
  ownerId: string;
  /** Seams for tests. */
  now?: () => number;
  newId?: () => string;
  /** Asks for a sync once written; the background's scheduler when left out. */
  kick?: () => void;
}

/** `saved`: written with its outbox entry. `already_answered`: this user answered this survey for this item before. */
export type AnswerOutcome = { outcome: 'saved'; response: StoredSurveyResponse } | { outcome: 'already_answered' };

const refuse = (path: string, message: string) => new AnswerRefused([{ path, message }]);

/**
 * Saves the user's answer to a survey about one item, and its outbox entry, in one strict-durability
 * transaction, then asks for a sync; never waits on the network. At most one answer per user,
 * survey and item: the check and the write share the transaction, so two tabs answering at once
 * store one. Throws AnswerRefused when the survey is not one this device shows on that item now,
 * or the answer is not one it takes (nothing is written then).
 */
export async function saveAnswer(
  db: AppDB,
  input: NewSurveyAnswer,
  { ownerId, now = Date.now, newId = v7, kick = requestSync }: AnswerOptions,
): Promise<AnswerOutcome> {
  const survey = await db.surveys.get(input.surveyId);
  const { context } = input;
  const at = new Date(now());
  const item = { ...context, sectionIds: context.sectionId ? [context.sectionId] : [] };
  if (!survey || !surveyApplies(survey, item, ownerId, at)) {
    throw refuse('surveyId', i18n.t('survey.refused.closed'));
  }
  if (answerKey(survey, input.answer) === null) throw refuse('answer', i18n.t('survey.refused.answer'));
  const comment = input.comment?.trim() ? input.comment : null;
  if (comment !== null && !survey.allowComment) throw refuse('comment', i18n.t('survey.refused.comment'));
  const parsed = SurveyResponseInput.safeParse({
    id: newId(),
    surveyId: survey.id,
    answer: input.answer,
    comment,
    context,
    answeredAt: at.toISOString(),
  });
  if (!parsed.success) throw new AnswerRefused(zodDetails(parsed.error));
  const { id, answeredAt } = parsed.data;
  const response: StoredSurveyResponse = {
    id,
    ownerId,
    surveyId: survey.id,
    site: context.site,
    itemKey: context.itemKey,
    answer: parsed.data.answer,
    comment: parsed.data.comment ?? null,
    context: parsed.data.context,
    answeredAt,
    localState: 'pending',
    rejection: null,
  };
  const strict = strictConnection(db);
  const saved = await strict.transaction('rw', [strict.surveyResponses, strict.outbox], async () => {
    if (await hasAnswered(strict, ownerId, survey.id, context.site, context.itemKey)) return false;
    await strict.surveyResponses.add(response);
    await strict.outbox.add({
      collection: 'surveyResponses',
      id,
      ownerId,
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    });
    return true;
  });
  if (!saved) return { outcome: 'already_answered' };
  kick();
  return { outcome: 'saved', response };
}

/** Records "Not now": this survey is not shown on this item to this user again. */
export async function dismissSurvey(
  db: AppDB,
  { ownerId, surveyId, site, itemKey }: { ownerId: string; surveyId: string; site: string; itemKey: string },
  now: () => number = Date.now,
): Promise<void> {
  await db.surveyDismissals.put({ ownerId, surveyId, site, itemKey, dismissedAt: now() });
}

/** Whether this user has an answer to this survey for this item on this device (pending, sent or refused). */
export async function hasAnswered(
  db: AppDB,
  ownerId: string,
  surveyId: string,
  site: string,
  itemKey: string,
): Promise<boolean> {
  const key = [ownerId, surveyId, site, itemKey];
  return (await db.surveyResponses.where('[ownerId+surveyId+site+itemKey]').equals(key).count()) > 0;
}
