CREATE SEQUENCE "public"."adapter_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "adapter_health_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"adapter_id" text NOT NULL,
	"adapter_version" integer NOT NULL,
	"site" text NOT NULL,
	"page_url" text NOT NULL,
	"items_found" integer NOT NULL,
	"items_missing_required" integer NOT NULL,
	"missing_fields" jsonb NOT NULL,
	"selectors_never_matched" text[] NOT NULL,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"page_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_adapter_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"adapter_id" text NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"document" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_adapters" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"enabled" boolean NOT NULL,
	"revision" bigint DEFAULT nextval('adapter_revision_seq') NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "site_adapters" ADD CONSTRAINT "site_adapters_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adapter_health_reports_adapter_idx" ON "adapter_health_reports" USING btree ("adapter_id","reported_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "adapter_health_reports_reported_at_idx" ON "adapter_health_reports" USING btree ("reported_at");--> statement-breakpoint
CREATE INDEX "site_adapter_history_adapter_idx" ON "site_adapter_history" USING btree ("adapter_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "site_adapters_revision_idx" ON "site_adapters" USING btree ("revision");