ALTER TABLE "adapter_health_reports" ADD COLUMN "badges_checked" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "adapter_health_reports" ADD COLUMN "badges_zero_size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "adapter_health_reports" ADD COLUMN "badges_clipped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "adapter_health_reports" ADD COLUMN "badges_covered" integer DEFAULT 0 NOT NULL;