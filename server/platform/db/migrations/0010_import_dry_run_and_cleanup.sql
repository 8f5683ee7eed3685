ALTER TABLE "import_runs" ADD COLUMN "dry_run" jsonb;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "content_removed_at" timestamp with time zone;