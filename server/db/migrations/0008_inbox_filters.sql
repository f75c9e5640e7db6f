ALTER TABLE "gap_reports" ADD COLUMN "site" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "item_key" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "queue" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "policy" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "guideline_id" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "section_id" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "guideline_version" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "reporter_role" text;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "severity_rank" smallint GENERATED ALWAYS AS (case severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce("note", '') || ' ' || coalesce("context"->>'selection', '') || ' ' || coalesce("context"#>>'{guideline,heading}', '') || ' ' || coalesce("context"->>'pageTitle', ''))) STORED NOT NULL;--> statement-breakpoint
-- Reports from before the inbox get their filter columns as a push now fills them: from the stored
-- context, queue and policy from the adapter's fields else the item's latest quality event, and the
-- reporter's role as it is now (the closest to "when they reported" that is left to know).
UPDATE "gap_reports" AS r SET
  "site" = r."context"->>'site',
  "item_key" = r."context"->>'itemKey',
  "queue" = coalesce(r."context"->'fields'->>'queue', latest."queue"),
  "policy" = coalesce(r."context"->'fields'->>'policy', latest."policy"),
  "guideline_id" = r."context"#>>'{guideline,guidelineId}',
  "section_id" = r."context"#>>'{guideline,sectionId}',
  "guideline_version" = r."context"#>>'{guideline,version}',
  "reporter_role" = coalesce((
    SELECT o.role FROM "users" u, unnest(ARRAY['moderator', 'evaluator', 'analyst', 'admin']) WITH ORDINALITY AS o(role, n)
    WHERE u."id" = r."reporter" AND o.role = ANY(u."roles") ORDER BY o.n LIMIT 1
  ), 'evaluator')
FROM "gap_reports" AS g
LEFT JOIN LATERAL (
  SELECT e."queue", e."policy" FROM "quality_events" e
  WHERE e."site" = g."context"->>'site' AND e."item_key" = g."context"->>'itemKey'
  ORDER BY e."occurred_at" DESC, e."id" DESC LIMIT 1
) AS latest ON true
WHERE g."id" = r."id";--> statement-breakpoint
ALTER TABLE "gap_reports" ALTER COLUMN "reporter_role" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "gap_reports_created_idx" ON "gap_reports" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "gap_reports_updated_idx" ON "gap_reports" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "gap_reports_severity_idx" ON "gap_reports" USING btree ("severity_rank","created_at","id");--> statement-breakpoint
CREATE INDEX "gap_reports_status_created_idx" ON "gap_reports" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "gap_reports_site_created_idx" ON "gap_reports" USING btree ("site","created_at","id");--> statement-breakpoint
CREATE INDEX "gap_reports_section_created_idx" ON "gap_reports" USING btree ("section_id","created_at","id");--> statement-breakpoint
CREATE INDEX "gap_reports_assignee_created_idx" ON "gap_reports" USING btree ("assignee","created_at","id");--> statement-breakpoint
CREATE INDEX "gap_reports_item_idx" ON "gap_reports" USING btree ("site","item_key","created_at");--> statement-breakpoint
CREATE INDEX "gap_reports_duplicate_of_idx" ON "gap_reports" USING btree ("duplicate_of");--> statement-breakpoint
CREATE INDEX "gap_reports_search_idx" ON "gap_reports" USING gin ("search");
