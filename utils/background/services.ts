import type { ApiClient } from '../api/client';
import type { AppDB } from '../db/app-db';
import type { ItemEventsService } from '../items/item-events';
import type { LookupService } from '../items/lookup-service';
import type { AdapterSyncResult } from '../messaging/protocol';
import type { Handler } from '../messaging/router';
import type { MessageType } from '../messaging/protocol';
import type { SurveyService } from '../surveys/survey-service';
import type { ApiAvailability } from './api-availability';

/** What the background's message handlers work with; built once by setupMessaging. */
export interface BackgroundServices {
  db: AppDB;
  lookups: LookupService;
  itemEvents: ItemEventsService;
  availability: ApiAvailability;
  /** Which surveys a frame shows after its lookups. */
  surveys: SurveyService;
  /** The API client for the signed-in user, or null when signed out. */
  currentApi(): Promise<ApiClient | null>;
  /** Pulls adapters and unsent health reports, then registers content scripts. */
  syncNow(): Promise<AdapterSyncResult>;
}

/** A handler module's export: the message it answers, and how. */
export interface HandlerModule<K extends MessageType = MessageType> {
  type: K;
  handle: Handler<K, BackgroundServices>;
}

/** Declares the handler of one message; the type ties the handler to its table entry. */
export function defineHandler<K extends MessageType>(
  type: K,
  handle: Handler<K, BackgroundServices>,
): HandlerModule<K> {
  return { type, handle };
}
