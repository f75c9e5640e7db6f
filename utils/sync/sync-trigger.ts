import { sendMessage } from '../messaging/send';

/*
 * "Sync soon, something was written." The background registers its scheduler here; an extension
 * page that wrote a report has no scheduler of its own and wakes the background instead (a
 * stopped service worker starts for the message).
 */

let local: (() => void) | null = null;

/** Makes `trigger` the way this context asks for a report sync (the background's scheduler). */
export function setSyncTrigger(trigger: (() => void) | null): void {
  local = trigger;
}

/** Asks for a report sync soon; never throws and never waits for it. */
export function requestSync(): void {
  if (local) {
    local();
    return;
  }
  // The alarm and the next start-up push it anyway: a page that cannot reach the background loses nothing.
  sendMessage('syncReports', {}).catch(() => undefined);
}
