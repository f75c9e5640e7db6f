import { bodyLimit } from 'hono/body-limit';
import { SYNC_PUSH_BODY_MAX } from '../contract';
import { errorBody } from './errors';

const MB = 1024 * 1024;

/** Every route but the import reads at most this much. */
export const DEFAULT_BODY_LIMIT = 1 * MB;
/** The import route, for analysts and admins only, reads at most this much. */
export const IMPORT_BODY_LIMIT = 50 * MB;

/** The gap-report push, which carries screenshots, reads at most this much (signed-in callers only). */
export const SYNC_PUSH_BODY_LIMIT = SYNC_PUSH_BODY_MAX;

/** Middleware answering 413 (the contract's error body) once a body exceeds `bytes`. */
export function limitBody(bytes: number) {
  return bodyLimit({
    maxSize: bytes,
    onError: (c) => c.json(errorBody('payload_too_large', `the request body exceeds ${bytes / MB} MB`), 413),
  });
}
