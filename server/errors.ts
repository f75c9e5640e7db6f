import type { OpenAPIHonoOptions } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiErrorBody, DETAIL_PATH_MAX, displayable, MESSAGE_MAX, zodDetails, type ErrorDetail } from '../contract';
import type { AppEnv } from './auth';

/** An error a handler throws to answer with the contract's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly totalDetails?: number,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** `value` cut to `max` characters with an ellipsis and made displayable, for echoing client input in messages. */
export function clip(value: string, max = 80): string {
  return displayable(value.length > max ? `${value.slice(0, max)}…` : value);
}

function clipDetail(detail: ErrorDetail): ErrorDetail {
  return { ...detail, path: clip(detail.path, DETAIL_PATH_MAX - 1), message: clip(detail.message, MESSAGE_MAX - 1) };
}

/** Builds the one error body shape every 4xx/5xx uses. */
export function errorBody(code: string, message: string, details?: ErrorDetail[], totalDetails?: number): ApiErrorBody {
  return {
    error: {
      code,
      // The contract caps messages; a message quoting client input must still parse on the client.
      message: clip(message, MESSAGE_MAX - 1),
      // A detail's path can hold a client's record key, so it is clipped like the message.
      ...(details ? { details: details.map(clipDetail) } : {}),
      ...(totalDetails === undefined ? {} : { totalDetails }),
    },
  };
}

const CODES: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** Renders any thrown error as JSON; internals stay in the log, never in the response. */
export function renderError(error: unknown, c: Context): Response {
  if (error instanceof ApiError) {
    return c.json(errorBody(error.code, error.message, error.details, error.totalDetails), error.status, error.headers);
  }
  // Hono's own validators and media-type gate throw these (malformed JSON, 415).
  if (error instanceof HTTPException && error.status < 500) {
    const code = CODES[error.status] ?? 'http_error';
    return c.json(errorBody(code, error.message || code), error.status as ContentfulStatusCode);
  }
  console.error(`${c.req.method} ${c.req.path} failed:`, error);
  return c.json(errorBody('internal', 'internal server error'), 500);
}

/** OpenAPIHono's defaultHook: zod failures become 400 with per-field details. */
export const validationHook: NonNullable<OpenAPIHonoOptions<AppEnv>['defaultHook']> = (result, c) => {
  if (result.success) return;
  const details = zodDetails(result.error);
  const first = details[0];
  const message = first ? `invalid request: ${first.path}: ${first.message}` : 'invalid request';
  return c.json(errorBody('invalid_request', message, details), 400);
};

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Invalid request',
  401: 'Missing, unknown, expired or revoked token',
  403: 'The caller lacks a required role',
  404: 'Not found',
  409: 'Already exists',
  413: 'Too large',
  415: 'Unsupported content type',
  422: 'Content refused',
  429: 'Too many requests; Retry-After says when to try again',
};

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds until the limit lets the request through',
    schema: { type: 'integer' as const },
  },
};

/** OpenAPI response entries for the error statuses a route can answer. */
export function errorResponses<const S extends ErrorStatus>(...statuses: S[]) {
  const entries = statuses.map((status) => [
    status,
    {
      description: DESCRIPTIONS[status],
      ...(status === 429 ? { headers: RETRY_AFTER } : {}),
      content: { 'application/json': { schema: ApiErrorBody } },
    },
  ]);
  return Object.fromEntries(entries) as Record<
    S,
    {
      description: string;
      headers?: typeof RETRY_AFTER;
      content: { 'application/json': { schema: typeof ApiErrorBody } };
    }
  >;
}
