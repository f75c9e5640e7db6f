CREATE SEQUENCE "public"."guideline_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "guideline_publish_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"guideline_id" text NOT NULL,
	"version" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"digest" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guideline_versions" (
	"guideline_id" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"sections" jsonb NOT NULL,
	"digest" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text NOT NULL,
	"revision" bigint DEFAULT nextval('guideline_revision_seq') NOT NULL,
	CONSTRAINT "guideline_versions_guideline_id_version_pk" PRIMARY KEY("guideline_id","version")
);
--> statement-breakpoint
CREATE TABLE "guidelines" (
	"id" text PRIMARY KEY NOT NULL,
	"site" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guideline_versions" ADD CONSTRAINT "guideline_versions_guideline_id_guidelines_id_fk" FOREIGN KEY ("guideline_id") REFERENCES "public"."guidelines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guideline_versions" ADD CONSTRAINT "guideline_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guideline_publish_log_guideline_idx" ON "guideline_publish_log" USING btree ("guideline_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "guideline_versions_revision_idx" ON "guideline_versions" USING btree ("revision");