import { z } from 'zod';

/*
 * Every string the API accepts or sends is a `storableString`: PostgreSQL `text` cannot hold NUL
 * (error 22021, which used to surface as a 500) and a lone UTF-16 surrogate is not Unicode, so a
 * driver would refuse or mangle it. Both are refused, never stripped: silently changing an id, a key
 * or a note would store something other than what was sent, and two different values could collide.
 * The length cap is part of the same decision: no string is unbounded.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` cannot be stored as PostgreSQL text, or null when it can. */
export function unstorableReason(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(value)) return 'contains a lone UTF-16 surrogate, which is not valid Unicode';
  return null;
}

/**
 * `text` with NUL and lone surrogates replaced by U+FFFD. Only for text shown, never for data: an
 * error message quoting what a client sent must itself be a storable string of the contract.
 */
export function displayable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/** A string of at most `max` characters that the database can store (no NUL, no lone surrogate). */
export function storableString(max: number) {
  return z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const reason = unstorableReason(value);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    });
}

/** Upper bound of an error message, which may quote what a client sent. */
export const MESSAGE_MAX = 2000;
/** Upper bound of an error detail's path (a field path, possibly through a client's record key). */
export const DETAIL_PATH_MAX = 500;

/** A site is one internal tool (one adapter family), e.g. `demo-moderation`. */
export const SiteId = storableString(64)
  .min(1)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" or "-"');
export type SiteId = z.infer<typeof SiteId>;

/** The tool's own id for an item (a card, a result); opaque to QA Lens. */
export const ItemKey = storableString(256).min(1);

/** Names one item on one site. */
export const ItemRef = z.object({ site: SiteId, itemKey: ItemKey });
export type ItemRef = z.infer<typeof ItemRef>;

/** ISO-8601 timestamp with an offset, as the API sends and accepts it. */
export const Timestamp = z.iso.datetime({ offset: true }).max(40);

/** One reason a request or a row was refused; `line` is set for file imports. */
export const ErrorDetail = z.object({
  path: storableString(DETAIL_PATH_MAX),
  message: storableString(MESSAGE_MAX),
  line: z.number().int().optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/** Every 4xx/5xx body the API sends. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: storableString(64),
    message: storableString(MESSAGE_MAX),
    details: z.array(ErrorDetail).optional(),
    totalDetails: z.number().int().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** The first `max` details of a zod error on one line: "items.0.site: …; limit: …". */
export function zodSummary(error: z.ZodError, max = Number.POSITIVE_INFINITY): string {
  return zodDetails(error)
    .slice(0, max)
    .map((d) => `${d.path}: ${d.message}`)
    .join('; ');
}

/** Flattens a zod error into `{path, message}` details a person can act on. */
export function zodDetails(error: z.ZodError, line?: number): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join('.') : '(root)',
    message: issue.message,
    ...(line === undefined ? {} : { line }),
  }));
}
