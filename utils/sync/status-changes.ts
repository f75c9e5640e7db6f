import type { ReportChange } from './puller';

/*
 * Who hears about pulled changes to the user's reports (the lead's browser notifications). A
 * listener's error is logged and never stops the sync or the other listeners.
 */

type Listener = (changes: ReportChange[]) => void;
const listeners = new Set<Listener>();

/**
 * Calls `callback` after every pull that changed the status of one of the user's reports or
 * brought a comment from someone else, with those reports. Returns the unsubscribe function.
 */
export function onStatusChanged(callback: Listener): () => void {
  listeners.add(callback);
  return () => listeners.delete(callback);
}

/** Tells every listener about `changes` (nothing when there are none). */
export function announceChanges(changes: ReportChange[]): void {
  if (changes.length === 0) return;
  for (const listener of listeners) {
    try {
      listener(changes);
    } catch (error) {
      console.warn('[QA Lens] a report change listener failed', error);
    }
  }
}
