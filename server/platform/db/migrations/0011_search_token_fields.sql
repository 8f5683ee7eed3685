CREATE TABLE "search_token_fields" (
	"object_name" text PRIMARY KEY NOT NULL,
	"field_names" text[] NOT NULL
);
