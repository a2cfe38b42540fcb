CREATE TABLE "member_import_rows" (
	"import_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"cells" jsonb NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"action" text NOT NULL,
	"shown" jsonb NOT NULL,
	"value" jsonb,
	"member_id" uuid,
	"member_revision" integer,
	"parts" jsonb,
	"errors" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	CONSTRAINT "member_import_rows_import_id_row_pk" PRIMARY KEY("import_id","row"),
	CONSTRAINT "member_import_rows_action_chk" CHECK ("member_import_rows"."action" in ('create','update','unchanged','error','skipped'))
);
--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "format" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "headers" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "analysis" jsonb;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "progress_phase" text DEFAULT 'idle' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "progress_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "progress_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "member_imports" ADD COLUMN "progress_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "member_import_rows" ADD CONSTRAINT "member_import_rows_import_id_member_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."member_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_imports" DROP COLUMN "content";--> statement-breakpoint
ALTER TABLE "member_imports" ADD CONSTRAINT "member_imports_progress_chk" CHECK ("member_imports"."progress_phase" in ('idle','reading','checking','writing','done'));--> statement-breakpoint
-- hand-written: an upload still in preview kept its file in the dropped "content" column and
-- has no rows to check again; it goes (the officer uploads the file again). Committed imports
-- keep their summary, SHA-256 and result.
DELETE FROM "member_imports" WHERE "status" = 'preview';
