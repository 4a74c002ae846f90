CREATE TABLE "plenary_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date
);
--> statement-breakpoint
CREATE TABLE "term" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"is_current" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_sector" (
	"org_id" uuid NOT NULL,
	"committee_id" uuid NOT NULL,
	"sector_id" uuid NOT NULL,
	CONSTRAINT "committee_sector_committee_id_sector_id_pk" PRIMARY KEY("committee_id","sector_id")
);
--> statement-breakpoint
CREATE TABLE "sector" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"sector_id" uuid NOT NULL,
	"party" text NOT NULL,
	"standing" boolean DEFAULT false NOT NULL,
	"position" text DEFAULT 'member' NOT NULL,
	"work_unit" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"left_at" date,
	"left_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_position_check" CHECK ("member"."position" in ('chair','vice_chair','secretary_general','standing','member')),
	CONSTRAINT "member_status_check" CHECK ("member"."status" in ('active','left'))
);
--> statement-breakpoint
CREATE TABLE "member_committee" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"committee_id" uuid NOT NULL,
	CONSTRAINT "member_committee_member_id_committee_id_pk" PRIMARY KEY("member_id","committee_id")
);
--> statement-breakpoint
CREATE TABLE "member_term" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	CONSTRAINT "member_term_member_id_term_id_pk" PRIMARY KEY("member_id","term_id")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text NOT NULL,
	"name_initials" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date,
	"ethnicity" text DEFAULT '汉族' NOT NULL,
	"phone_enc" text,
	"phone_hash" text,
	"id_number_enc" text,
	"id_number_hash" text,
	"account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plenary_session" ADD CONSTRAINT "plenary_session_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plenary_session" ADD CONSTRAINT "plenary_session_term_id_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."term"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term" ADD CONSTRAINT "term_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee" ADD CONSTRAINT "committee_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sector" ADD CONSTRAINT "committee_sector_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sector" ADD CONSTRAINT "committee_sector_committee_id_committee_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_sector" ADD CONSTRAINT "committee_sector_sector_id_sector_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sector"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector" ADD CONSTRAINT "sector_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_sector_id_sector_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sector"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_committee" ADD CONSTRAINT "member_committee_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_committee" ADD CONSTRAINT "member_committee_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_committee" ADD CONSTRAINT "member_committee_committee_id_committee_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committee"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_term" ADD CONSTRAINT "member_term_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_term" ADD CONSTRAINT "member_term_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_term" ADD CONSTRAINT "member_term_term_id_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."term"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plenary_session_term_number_uq" ON "plenary_session" USING btree ("term_id","number");--> statement-breakpoint
CREATE INDEX "plenary_session_org_idx" ON "plenary_session" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "term_org_number_uq" ON "term" USING btree ("org_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "term_current_uq" ON "term" USING btree ("org_id") WHERE "term"."is_current";--> statement-breakpoint
CREATE UNIQUE INDEX "committee_org_name_uq" ON "committee" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "committee_org_short_uq" ON "committee" USING btree ("org_id","short_name");--> statement-breakpoint
CREATE INDEX "committee_sector_sector_idx" ON "committee_sector" USING btree ("sector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sector_org_name_uq" ON "sector" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "member_org_person_uq" ON "member" USING btree ("org_id","person_id");--> statement-breakpoint
CREATE INDEX "member_org_sector_idx" ON "member" USING btree ("org_id","sector_id");--> statement-breakpoint
CREATE INDEX "member_org_created_idx" ON "member" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "member_committee_committee_idx" ON "member_committee" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "member_term_term_idx" ON "member_term" USING btree ("term_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_phone_hash_uq" ON "person" USING btree ("phone_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "person_id_number_hash_uq" ON "person" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "person_account_uq" ON "person" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "person_pinyin_idx" ON "person" USING btree ("name_pinyin");--> statement-breakpoint
CREATE INDEX "person_initials_idx" ON "person" USING btree ("name_initials");