ALTER TABLE "item_summaries" ADD COLUMN "gold_checks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing summaries learn their gold checks from the events already stored; a new revision tells clients.
UPDATE "item_summaries" AS s SET
  "gold_checks" = g.n,
  "revision" = nextval('item_summary_revision_seq'),
  "updated_at" = now()
FROM (
  SELECT site, item_key, count(*)::int AS n FROM "quality_events" WHERE kind = 'gold_check' GROUP BY site, item_key
) AS g
WHERE s.site = g.site AND s.item_key = g.item_key;
