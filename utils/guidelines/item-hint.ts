import type { ItemField, ItemRef, QualityEvent } from '../../contract';
import type { AppDB } from '../db/app-db';
import { formatTimeAgo } from '../format';
import { i18n } from '../i18n';
import type { ItemEventsState, ItemHint } from '../messaging/protocol';
import { matchItemSections } from './item-sections';
import { snippetOf } from './snippet';

/** Events a hover card lists; the panel has the rest. */
export const HINT_EVENTS = 3;

export interface ItemHintDeps {
  db: AppDB;
  /** The item's events: cached when fresh, else the newest page from the API. */
  loadEvents: (ref: ItemRef) => Promise<ItemEventsState>;
  signedIn: () => Promise<boolean>;
  now?: () => Date;
}

/**
 * What an item's hover card says beyond its badge, in the UI language: its
 * newest events in words ("Overturned on appeal, 3 days ago") and the top
 * guideline clause as a one-line snippet with its version. The clause comes
 * from IndexedDB, so it is there offline; events the API cannot give now are
 * replaced by a note.
 */
export async function itemHint(
  deps: ItemHintDeps,
  ref: ItemRef,
  fields: Partial<Record<ItemField, string>>,
): Promise<ItemHint> {
  const now = deps.now?.() ?? new Date();
  const [history, cached] = await Promise.all([
    deps.loadEvents(ref).then(
      (state) => ({ events: state.events, note: null }),
      async () => ({ events: [] as QualityEvent[], note: await whyNoEvents(deps) }),
    ),
    deps.db.items.get([ref.site, ref.itemKey]),
  ]);
  const policies = cached?.summary.policies ?? [...new Set(history.events.map((event) => event.policy))];
  const [top] = await matchItemSections(deps.db, { site: ref.site, policies, fields }, now);
  return {
    events: history.events.slice(0, HINT_EVENTS).map((event) => ({
      text: eventSentence(event, now),
      verdict: event.verdict,
    })),
    note: history.note,
    clause: top
      ? {
          guidelineId: top.version.guidelineId,
          sectionId: top.section.id,
          heading: top.section.heading,
          version: top.version.version,
          snippet: snippetOf(top.section.body),
        }
      : null,
  };
}

/** One event in words: what happened and when ("Overturned on appeal, 3 days ago"). */
export function eventSentence(event: Pick<QualityEvent, 'kind' | 'verdict' | 'occurredAt'>, now: Date): string {
  return i18n.t('hint.line', {
    what: i18n.t(`hint.${event.kind}.${event.verdict}`),
    when: formatTimeAgo(event.occurredAt, now),
  });
}

async function whyNoEvents(deps: ItemHintDeps): Promise<string> {
  return (await deps.signedIn()) ? i18n.t('hint.offline') : i18n.t('hint.signedOut');
}
