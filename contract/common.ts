import { z } from 'zod';

/** A site is one internal tool (one adapter family), e.g. `demo-moderation`. */
export const SiteId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" or "-"');
export type SiteId = z.infer<typeof SiteId>;

/** The tool's own id for an item (a card, a result); opaque to QA Lens. */
export const ItemKey = z.string().min(1).max(256);

/** Names one item on one site. */
export const ItemRef = z.object({ site: SiteId, itemKey: ItemKey });
export type ItemRef = z.infer<typeof ItemRef>;

/** ISO-8601 timestamp with an offset, as the API sends and accepts it. */
export const Timestamp = z.iso.datetime({ offset: true });

/** One reason a request or a row was refused; `line` is set for file imports. */
export const ErrorDetail = z.object({
  path: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/** Every 4xx/5xx body the API sends. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ErrorDetail).optional(),
    totalDetails: z.number().int().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Flattens a zod error into `{path, message}` details a person can act on. */
export function zodDetails(error: z.ZodError, line?: number): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join('.') : '(root)',
    message: issue.message,
    ...(line === undefined ? {} : { line }),
  }));
}
