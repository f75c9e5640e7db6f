import { sql } from 'drizzle-orm';

/** SQL naming a set of items as a (site, itemKey) relation, sent as one JSON parameter. */
export function itemSet(refs: { site: string; itemKey: string }[]) {
  return sql`(select r.site, r."itemKey" from jsonb_to_recordset(${JSON.stringify(refs)}::jsonb) as r(site text, "itemKey" text))`;
}
