CREATE SEQUENCE "public"."survey_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"survey_id" uuid NOT NULL,
	"respondent" text NOT NULL,
	"answer" text NOT NULL,
	"answer_value" integer,
	"comment" text,
	"site" text NOT NULL,
	"item_key" text NOT NULL,
	"queue" text,
	"policy" text,
	"section_id" text,
	"guideline_version" text,
	"page_url" text,
	"fields" jsonb,
	"digest" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"question" text NOT NULL,
	"kind" text NOT NULL,
	"scale" jsonb,
	"options" jsonb,
	"allow_comment" boolean NOT NULL,
	"target" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"sampling_rate" double precision NOT NULL,
	"response_cap" integer NOT NULL,
	"status" text NOT NULL,
	"response_count" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"revision" bigint DEFAULT nextval('survey_revision_seq') NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_respondent_users_id_fk" FOREIGN KEY ("respondent") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_once_idx" ON "survey_responses" USING btree ("survey_id","respondent","site","item_key");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_survey_seq_idx" ON "survey_responses" USING btree ("survey_id","seq");--> statement-breakpoint
CREATE INDEX "survey_responses_respondent_seq_idx" ON "survey_responses" USING btree ("respondent","seq");--> statement-breakpoint
CREATE INDEX "survey_responses_site_idx" ON "survey_responses" USING btree ("survey_id","site","answer");--> statement-breakpoint
CREATE INDEX "survey_responses_queue_idx" ON "survey_responses" USING btree ("survey_id","queue","answer");--> statement-breakpoint
CREATE INDEX "survey_responses_policy_idx" ON "survey_responses" USING btree ("survey_id","policy","answer");--> statement-breakpoint
CREATE INDEX "survey_responses_section_idx" ON "survey_responses" USING btree ("survey_id","section_id","answer");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_revision_idx" ON "surveys" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "surveys_status_idx" ON "surveys" USING btree ("status","id");