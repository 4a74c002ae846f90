-- Units' and reply letters' contact phones are encrypted at rest, like every other phone. The key lives in
-- the app, not here: this migration only renames the columns and turns "no phone" from '' into NULL; the
-- numbers still in clear are encrypted by the app when it opens the database (server/db/plaintext.ts).
ALTER TABLE "handling_unit" RENAME COLUMN "contact_phone" TO "contact_phone_enc";--> statement-breakpoint
ALTER TABLE "handling_unit" ALTER COLUMN "contact_phone_enc" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "handling_unit" ALTER COLUMN "contact_phone_enc" DROP NOT NULL;--> statement-breakpoint
UPDATE "handling_unit" SET "contact_phone_enc" = NULL WHERE btrim("contact_phone_enc") = '';--> statement-breakpoint
ALTER TABLE "proposal_reply" RENAME COLUMN "contact_phone" TO "contact_phone_enc";--> statement-breakpoint
ALTER TABLE "proposal_reply" ALTER COLUMN "contact_phone_enc" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "proposal_reply" ALTER COLUMN "contact_phone_enc" DROP NOT NULL;--> statement-breakpoint
UPDATE "proposal_reply" SET "contact_phone_enc" = NULL WHERE btrim("contact_phone_enc") = '';
