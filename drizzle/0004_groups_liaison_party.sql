CREATE TABLE "place" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_kind_check" CHECK ("place"."kind" in ('township','village','community')),
	CONSTRAINT "place_shape_check" CHECK (("place"."kind" = 'township') = ("place"."parent_id" is null))
);
--> statement-breakpoint
CREATE TABLE "group_committee" (
	"org_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"committee_id" uuid NOT NULL,
	CONSTRAINT "group_committee_group_id_committee_id_pk" PRIMARY KEY("group_id","committee_id")
);
--> statement-breakpoint
CREATE TABLE "group_member" (
	"org_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "group_member_group_id_member_id_pk" PRIMARY KEY("group_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "group_place" (
	"org_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	CONSTRAINT "group_place_group_id_place_id_pk" PRIMARY KEY("group_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "member_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"leader_id" uuid,
	"convener_id" uuid,
	"liaison_account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "liaison_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"keeper_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_org" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"group_id" uuid,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_org_kind_check" CHECK ("party_org"."kind" in ('party_group','organ_party_group','organ_party_committee','branch','temp_branch')),
	CONSTRAINT "party_org_temp_group_check" CHECK (("party_org"."kind" = 'temp_branch') = ("party_org"."group_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "party_org_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"party_org_id" uuid NOT NULL,
	"member_id" uuid,
	"account_id" uuid,
	"role" text DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_org_member_who_check" CHECK (("party_org_member"."member_id" is null) <> ("party_org_member"."account_id" is null)),
	CONSTRAINT "party_org_member_role_check" CHECK ("party_org_member"."role" in ('secretary','deputy_secretary','committee_member','member'))
);
--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_parent_id_place_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_committee" ADD CONSTRAINT "group_committee_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_committee" ADD CONSTRAINT "group_committee_group_id_member_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."member_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_committee" ADD CONSTRAINT "group_committee_committee_id_committee_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committee"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_member" ADD CONSTRAINT "group_member_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_member" ADD CONSTRAINT "group_member_group_id_member_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."member_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_member" ADD CONSTRAINT "group_member_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_place" ADD CONSTRAINT "group_place_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_place" ADD CONSTRAINT "group_place_group_id_member_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."member_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_place" ADD CONSTRAINT "group_place_place_id_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_group" ADD CONSTRAINT "member_group_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_group" ADD CONSTRAINT "member_group_leader_id_member_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_group" ADD CONSTRAINT "member_group_convener_id_member_id_fk" FOREIGN KEY ("convener_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_group" ADD CONSTRAINT "member_group_liaison_account_id_account_id_fk" FOREIGN KEY ("liaison_account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_link" ADD CONSTRAINT "liaison_link_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_link" ADD CONSTRAINT "liaison_link_keeper_id_member_id_fk" FOREIGN KEY ("keeper_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_link" ADD CONSTRAINT "liaison_link_target_id_member_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_link" ADD CONSTRAINT "liaison_link_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org" ADD CONSTRAINT "party_org_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org" ADD CONSTRAINT "party_org_parent_id_party_org_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."party_org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org" ADD CONSTRAINT "party_org_group_id_member_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."member_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_member" ADD CONSTRAINT "party_org_member_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_member" ADD CONSTRAINT "party_org_member_party_org_id_party_org_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."party_org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_member" ADD CONSTRAINT "party_org_member_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_org_member" ADD CONSTRAINT "party_org_member_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "place_org_parent_name_uq" ON "place" USING btree ("org_id",coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),"name");--> statement-breakpoint
CREATE INDEX "place_parent_idx" ON "place" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_member_member_uq" ON "group_member" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_place_place_uq" ON "group_place" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "group_place_org_idx" ON "group_place" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_group_org_name_uq" ON "member_group" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "liaison_link_pair_uq" ON "liaison_link" USING btree ("keeper_id","target_id");--> statement-breakpoint
CREATE INDEX "liaison_link_target_idx" ON "liaison_link" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "liaison_link_org_idx" ON "liaison_link" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_org_name_uq" ON "party_org" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_group_uq" ON "party_org" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_one_party_group_uq" ON "party_org" USING btree ("org_id") WHERE "party_org"."kind" = 'party_group';--> statement-breakpoint
CREATE INDEX "party_org_parent_idx" ON "party_org" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_member_member_uq" ON "party_org_member" USING btree ("party_org_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_member_account_uq" ON "party_org_member" USING btree ("party_org_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_org_one_secretary_uq" ON "party_org_member" USING btree ("party_org_id") WHERE "party_org_member"."role" = 'secretary';--> statement-breakpoint
CREATE INDEX "party_org_member_member_idx" ON "party_org_member" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_person_idx" ON "member" USING btree ("person_id");