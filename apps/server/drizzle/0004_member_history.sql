CREATE TABLE "member_positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"position" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	CONSTRAINT "member_positions_position_chk" CHECK ("member_positions"."position" in ('secretary','deputy_secretary','committee_member','group_leader')),
	CONSTRAINT "member_positions_span_chk" CHECK ("member_positions"."to_date" is null or "member_positions"."to_date" >= "member_positions"."from_date")
);
--> statement-breakpoint
CREATE TABLE "member_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text NOT NULL,
	"exempt_track" text,
	"reason" text,
	"decision_ref" text,
	"from_date" date NOT NULL,
	"to_date" date,
	CONSTRAINT "member_statuses_status_chk" CHECK ("member_statuses"."status" in ('official','probationary','exempt','suspended')),
	CONSTRAINT "member_statuses_track_chk" CHECK ("member_statuses"."exempt_track" is null or "member_statuses"."exempt_track" in ('A','B')),
	CONSTRAINT "member_statuses_span_chk" CHECK ("member_statuses"."to_date" is null or "member_statuses"."to_date" >= "member_statuses"."from_date")
);
--> statement-breakpoint
CREATE TABLE "member_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	CONSTRAINT "member_memberships_kind_chk" CHECK ("member_memberships"."kind" in ('official','temporary')),
	CONSTRAINT "member_memberships_span_chk" CHECK ("member_memberships"."to_date" is null or "member_memberships"."to_date" >= "member_memberships"."from_date")
);
--> statement-breakpoint
CREATE TABLE "member_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"choices" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'preview' NOT NULL,
	"row_count" integer,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	CONSTRAINT "member_imports_status_chk" CHECK ("member_imports"."status" in ('preview','committed'))
);
--> statement-breakpoint
ALTER TABLE "members" DROP CONSTRAINT "members_status_chk";--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "member_positions" ADD CONSTRAINT "member_positions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_positions" ADD CONSTRAINT "member_positions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_statuses" ADD CONSTRAINT "member_statuses_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_memberships" ADD CONSTRAINT "member_memberships_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_memberships" ADD CONSTRAINT "member_memberships_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_imports" ADD CONSTRAINT "member_imports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_imports" ADD CONSTRAINT "member_imports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_positions_member_idx" ON "member_positions" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_statuses_member_idx" ON "member_statuses" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_memberships_member_idx" ON "member_memberships" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_memberships_org_idx" ON "member_memberships" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "member_imports_org_idx" ON "member_imports" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "members_search_idx" ON "members" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
-- Carry each member's flat status into history before the columns go: attached to their cell
-- from admission (a record without one takes the day it was made), probation until
-- confirmation (a probationary record's stray confirmation date is ignored), their post.
UPDATE "members" SET "admitted_on" = "created_at"::date WHERE "admitted_on" IS NULL;--> statement-breakpoint
INSERT INTO "member_memberships" ("member_id", "organization_id", "kind", "from_date")
  SELECT "id", "organization_id", 'official', "admitted_on" FROM "members";--> statement-breakpoint
INSERT INTO "member_statuses" ("member_id", "status", "from_date", "to_date")
  SELECT "id", 'probationary', "admitted_on", "confirmed_on" - 1 FROM "members"
  WHERE "status" <> 'probationary' AND "confirmed_on" IS NOT NULL AND "confirmed_on" > "admitted_on";--> statement-breakpoint
INSERT INTO "member_statuses" ("member_id", "status", "from_date")
  SELECT "id", CASE WHEN "status" = 'probationary' THEN 'probationary' ELSE 'official' END,
         CASE WHEN "status" = 'probationary' THEN "admitted_on" ELSE greatest(coalesce("confirmed_on", "admitted_on"), "admitted_on") END
  FROM "members";--> statement-breakpoint
-- Exemption and suspension become layers over the standing; their track, dates and decision were
-- never recorded, so the reason says so and the member page lists the missing track for review.
INSERT INTO "member_statuses" ("member_id", "status", "reason", "from_date")
  SELECT "id", "status", 'Chuyển từ dữ liệu cũ: cần ghi diện, ngày bắt đầu và quyết định', greatest(coalesce("confirmed_on", "admitted_on"), "admitted_on")
  FROM "members" WHERE "status" IN ('exempt', 'suspended');--> statement-breakpoint
INSERT INTO "member_positions" ("member_id", "organization_id", "position", "from_date")
  SELECT "id", "organization_id", "position", "admitted_on" FROM "members" WHERE "position" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "position";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "confirmed_on";--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_name_nfc_chk" CHECK ("members"."full_name" = normalize("members"."full_name", NFC));