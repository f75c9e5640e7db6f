import { z } from 'zod';
import { SiteId } from './common';

/**
 * Site adapters are data, not code: selectors, attribute names, regexes with
 * a named group `value`, and a fixed set of transforms. Store rules forbid
 * remotely loaded code, so there is deliberately no expression language.
 */

/** A CSS selector; checked for syntax where a DOM is available. */
const Selector = z.string().trim().min(1).max(500);

/** A regex source; the `value` named group (or the first group) is kept. */
const Pattern = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'u');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

export const Transform = z.enum(['trim', 'lowercase', 'uppercase', 'collapse-whitespace', 'number']);
export type Transform = z.infer<typeof Transform>;

const common = {
  pattern: Pattern.optional(),
  transforms: z.array(Transform).max(8).default(['trim']),
};

/** Where one value of an item is read from. */
export const FieldSource = z.discriminatedUnion('from', [
  z.object({
    from: z.literal('attribute'),
    /** Element inside the item to read; the item element itself when absent. */
    selector: Selector.optional(),
    name: z.string().min(1).max(100),
    ...common,
  }),
  z.object({ from: z.literal('text'), selector: Selector.optional(), ...common }),
  z.object({
    from: z.literal('url'),
    part: z.enum(['href', 'pathname', 'search', 'hash']).default('pathname'),
    /** With `search`: the query parameter to read. */
    param: z.string().min(1).max(100).optional(),
    ...common,
  }),
]);
export type FieldSource = z.input<typeof FieldSource>;
export type FieldSourceParsed = z.output<typeof FieldSource>;

export const ItemField = z.enum(['queue', 'category', 'label', 'title', 'query', 'resultUrl', 'position']);
export type ItemField = z.infer<typeof ItemField>;

export const BadgePosition = z.enum(['append', 'prepend', 'before', 'after']);

export const SiteAdapter = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lowercase id, up to 64 characters'),
  version: z.number().int().positive(),
  name: z.string().min(1).max(128),
  site: SiteId,
  /** Match patterns (`http://localhost/moderation/*`), as in a manifest. */
  matches: z.array(z.string().min(1).max(500)).min(1).max(50),
  item: z.object({
    selector: Selector,
    key: FieldSource,
    fields: z.partialRecord(ItemField, FieldSource).default({}),
  }),
  badge: z
    .object({
      /** Element inside the item to anchor the badge to; the item when absent. */
      selector: Selector.optional(),
      position: BadgePosition.default('append'),
    })
    .default({ position: 'append' }),
  enabled: z.boolean().default(true),
});
export type SiteAdapter = z.output<typeof SiteAdapter>;
export type SiteAdapterInput = z.input<typeof SiteAdapter>;
