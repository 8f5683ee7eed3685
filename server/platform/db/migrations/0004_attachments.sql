CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"object_name" text NOT NULL,
	"record_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "attachments_record_idx" ON "attachments" USING btree ("object_name","record_id","created_at");