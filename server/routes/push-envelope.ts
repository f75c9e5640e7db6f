import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { zodDetails } from '../../contract';
import { ApiError } from '../errors';

/*
 * The outbox's push routes (gap reports, survey answers) document the typed request but read only
 * an envelope: each record in it is then checked on its own, so one bad record never makes the
 * route refuse the whole batch.
 */

/** The OpenAPI body schema of a push route: the typed request as plain JSON Schema (no validator). */
export function pushBodySchema(request: z.ZodType): { type: 'object' } {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(request, { io: 'input' });
  // zod's JSON Schema type is wider than OpenAPI's (booleans as schemas); this one has none.
  return schema as { type: 'object' };
}

/**
 * The push body checked against `envelope` (JSON, the records' array and its size): 415 when it is
 * not JSON by type, 400 naming the first problem otherwise. `what` names the records ("the reports").
 */
export async function readPushEnvelope<T>(c: Context, envelope: z.ZodType<T>, what: string): Promise<T> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', `send ${what} as application/json`);
  }
  const body: unknown = await c.req.json().catch(() => {
    throw new ApiError(400, 'invalid_request', 'the body is not valid JSON');
  });
  const parsed = envelope.safeParse(body);
  if (!parsed.success) {
    const details = zodDetails(parsed.error);
    throw new ApiError(400, 'invalid_request', `invalid request: ${details[0]!.path}: ${details[0]!.message}`, details);
  }
  return parsed.data;
}
