ALTER TABLE "accounts" DROP CONSTRAINT "accounts_email_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_lower_uq" ON "accounts" USING btree (lower("email"));--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_username_chk" CHECK ("accounts"."username" ~ '^[a-z0-9._-]{3,40}$');