CREATE SEQUENCE "public"."item_summary_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"label" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "item_summaries" (
	"site" text NOT NULL,
	"item_key" text NOT NULL,
	"audits" integer NOT NULL,
	"incorrect" integer NOT NULL,
	"overturns" integer NOT NULL,
	"last_verdict" text,
	"last_at" timestamp with time zone,
	"policies" text[] NOT NULL,
	"revision" bigint DEFAULT nextval('item_summary_revision_seq') NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_summaries_site_item_key_pk" PRIMARY KEY("site","item_key")
);
--> statement-breakpoint
CREATE TABLE "quality_events" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"site" text NOT NULL,
	"item_key" text NOT NULL,
	"queue" text NOT NULL,
	"policy" text NOT NULL,
	"decision" text NOT NULL,
	"verdict" text NOT NULL,
	"corrected_decision" text,
	"actor" text,
	"auditor" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"guideline_version" text,
	"note" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"roles" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "item_summaries_revision_idx" ON "item_summaries" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "quality_events_item_idx" ON "quality_events" USING btree ("site","item_key","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);