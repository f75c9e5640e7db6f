CREATE SEQUENCE "public"."gap_report_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "gap_report_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"author" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gap_report_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gap_report_screenshots" (
	"report_id" uuid PRIMARY KEY NOT NULL,
	"mime" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gap_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reporter" text NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"note" text NOT NULL,
	"context" jsonb NOT NULL,
	"has_screenshot" boolean DEFAULT false NOT NULL,
	"digest" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"assignee" text,
	"duplicate_of" uuid,
	"revision" bigint DEFAULT nextval('gap_report_revision_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"client_created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gap_report_comments" ADD CONSTRAINT "gap_report_comments_report_id_gap_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."gap_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_report_comments" ADD CONSTRAINT "gap_report_comments_author_users_id_fk" FOREIGN KEY ("author") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_report_history" ADD CONSTRAINT "gap_report_history_report_id_gap_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."gap_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_report_history" ADD CONSTRAINT "gap_report_history_actor_users_id_fk" FOREIGN KEY ("actor") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_report_screenshots" ADD CONSTRAINT "gap_report_screenshots_report_id_gap_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."gap_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD CONSTRAINT "gap_reports_reporter_users_id_fk" FOREIGN KEY ("reporter") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD CONSTRAINT "gap_reports_assignee_users_id_fk" FOREIGN KEY ("assignee") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_reports" ADD CONSTRAINT "gap_reports_duplicate_of_gap_reports_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."gap_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gap_report_comments_report_idx" ON "gap_report_comments" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "gap_report_history_report_idx" ON "gap_report_history" USING btree ("report_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "gap_reports_revision_idx" ON "gap_reports" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "gap_reports_reporter_revision_idx" ON "gap_reports" USING btree ("reporter","revision");