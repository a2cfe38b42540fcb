ALTER TABLE "members" DROP CONSTRAINT "members_organization_id_organizations_id_fk";
--> statement-breakpoint
DROP INDEX "members_organization_idx";--> statement-breakpoint
ALTER TABLE "members" DROP COLUMN "organization_id";