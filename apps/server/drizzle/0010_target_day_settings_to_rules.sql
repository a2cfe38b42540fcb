-- An organization's `regularMeetingDay` setting was an undated target-day override, read beside
-- the dated rule overrides: two places answered one rule, and changing the setting rewrote how
-- past months were judged. It becomes a rule override like the others (from 1900-01-01: it
-- applied to every period, and keeps doing so for the periods it already judged).
INSERT INTO "rule_overrides" ("id", "organization_id", "rule", "value", "from_date", "created_at")
SELECT gen_random_uuid(), "id", 'targetDay', ("settings"->>'regularMeetingDay')::int, DATE '1900-01-01', now()
FROM "organizations"
WHERE "settings" ? 'regularMeetingDay'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE "organizations" SET "settings" = "settings" - 'regularMeetingDay' WHERE "settings" ? 'regularMeetingDay';
