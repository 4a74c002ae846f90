CREATE TABLE "handling_unit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"kind" text DEFAULT 'government' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handling_unit_account" (
	"org_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	CONSTRAINT "handling_unit_account_unit_id_account_id_pk" PRIMARY KEY("unit_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "proposal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" integer,
	"title" text NOT NULL,
	"situation" text DEFAULT '' NOT NULL,
	"analysis" text DEFAULT '' NOT NULL,
	"suggestion" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"proposer_kind" text DEFAULT 'member' NOT NULL,
	"body_name" text,
	"body_id" uuid,
	"seal_noted" boolean DEFAULT false NOT NULL,
	"suggested_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"may_publish" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"co_sign_due_at" timestamp with time zone,
	"one_matter_confirmed" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"decline_ground" text,
	"decision_reason" text,
	"converted_to" text,
	"converted_ref_id" uuid,
	"merged_into_id" uuid,
	"handling_mode" text,
	"assigned_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"key_status" text,
	"key_decided_on" date,
	"key_note" text,
	"publish_mode" text,
	"publish_summary" text,
	"publish_due_on" date,
	"published_at" timestamp with time zone,
	"withheld_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_status_check" CHECK ("proposal"."status" in ('draft','submitted','returned','filed','declined','converted','merged','assigned','replied','closed')),
	CONSTRAINT "proposal_kind_check" CHECK ("proposal"."kind" in ('plenary','interim')),
	CONSTRAINT "proposal_proposer_kind_check" CHECK ("proposal"."proposer_kind" in ('member','sector','group','party','people_org','committee'))
);
--> statement-breakpoint
CREATE TABLE "proposal_assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'handling' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"assigned_by" uuid,
	"objection_due_on" date NOT NULL,
	"objected_at" timestamp with time zone,
	"objection_reason" text,
	"objection_resolved_at" timestamp with time zone,
	"objection_resolution" text,
	"objection_note" text,
	"due_on" date NOT NULL,
	"max_due_on" date NOT NULL,
	"sign_off_text" text,
	"signed_off_at" timestamp with time zone,
	"signed_off_by" uuid,
	"follow_up_due_on" date,
	"follow_up_done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_assignment_role_check" CHECK ("proposal_assignment"."role" in ('sole','lead','co','separate')),
	CONSTRAINT "proposal_assignment_status_check" CHECK ("proposal_assignment"."status" in ('handling','objected','withdrawn','replied','signed_off'))
);
--> statement-breakpoint
CREATE TABLE "proposal_contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"method" text NOT NULL,
	"on" date NOT NULL,
	"member_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_account_id" uuid,
	"actor_name" text NOT NULL,
	"unit_id" uuid,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_extension" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"from_due_on" date NOT NULL,
	"requested_due_on" date NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "proposal_extension_status_check" CHECK ("proposal_extension"."status" in ('pending','approved','refused'))
);
--> statement-breakpoint
CREATE TABLE "proposal_rating" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"reply_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"handling" text NOT NULL,
	"result" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_rating_handling_check" CHECK ("proposal_rating"."handling" in ('satisfied','basic','unsatisfied')),
	CONSTRAINT "proposal_rating_result_check" CHECK ("proposal_rating"."result" in ('satisfied','basic','unsatisfied'))
);
--> statement-breakpoint
CREATE TABLE "proposal_reply" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"kind" text DEFAULT 'reply' NOT NULL,
	"letter_no" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"category" text,
	"category_corrected_from" text,
	"follow_up_on" date,
	"signer" text NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"returned_reason" text,
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"sent_by" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_reply_kind_check" CHECK ("proposal_reply"."kind" in ('reply','follow_up')),
	CONSTRAINT "proposal_reply_status_check" CHECK ("proposal_reply"."status" in ('sent','returned'))
);
--> statement-breakpoint
CREATE TABLE "proposal_signer" (
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" text NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "proposal_signer_proposal_id_member_id_pk" PRIMARY KEY("proposal_id","member_id"),
	CONSTRAINT "proposal_signer_status_check" CHECK ("proposal_signer"."status" in ('confirmed','invited','declined','lapsed'))
);
--> statement-breakpoint
CREATE TABLE "proposal_supervision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"participants" text DEFAULT '' NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_supervision_kind_check" CHECK ("proposal_supervision"."kind" in ('symposium','research','inspection','meeting'))
);
--> statement-breakpoint
CREATE TABLE "proposal_supervisor" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"account_id" uuid,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handling_unit" ADD CONSTRAINT "handling_unit_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_unit_account" ADD CONSTRAINT "handling_unit_account_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_unit_account" ADD CONSTRAINT "handling_unit_account_unit_id_handling_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."handling_unit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_unit_account" ADD CONSTRAINT "handling_unit_account_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_term_id_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."term"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_session_id_plenary_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."plenary_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_reviewed_by_account_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_merged_into_id_proposal_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."proposal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_assignment" ADD CONSTRAINT "proposal_assignment_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_assignment" ADD CONSTRAINT "proposal_assignment_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_assignment" ADD CONSTRAINT "proposal_assignment_unit_id_handling_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."handling_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_assignment" ADD CONSTRAINT "proposal_assignment_assigned_by_account_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_assignment" ADD CONSTRAINT "proposal_assignment_signed_off_by_account_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_contact" ADD CONSTRAINT "proposal_contact_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_contact" ADD CONSTRAINT "proposal_contact_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_contact" ADD CONSTRAINT "proposal_contact_assignment_id_proposal_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."proposal_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_contact" ADD CONSTRAINT "proposal_contact_recorded_by_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_event" ADD CONSTRAINT "proposal_event_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_event" ADD CONSTRAINT "proposal_event_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_event" ADD CONSTRAINT "proposal_event_actor_account_id_account_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_event" ADD CONSTRAINT "proposal_event_unit_id_handling_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."handling_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_extension" ADD CONSTRAINT "proposal_extension_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_extension" ADD CONSTRAINT "proposal_extension_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_extension" ADD CONSTRAINT "proposal_extension_assignment_id_proposal_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."proposal_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_extension" ADD CONSTRAINT "proposal_extension_requested_by_account_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_extension" ADD CONSTRAINT "proposal_extension_decided_by_account_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_rating" ADD CONSTRAINT "proposal_rating_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_rating" ADD CONSTRAINT "proposal_rating_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_rating" ADD CONSTRAINT "proposal_rating_reply_id_proposal_reply_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."proposal_reply"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_rating" ADD CONSTRAINT "proposal_rating_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_rating" ADD CONSTRAINT "proposal_rating_recorded_by_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reply" ADD CONSTRAINT "proposal_reply_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reply" ADD CONSTRAINT "proposal_reply_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reply" ADD CONSTRAINT "proposal_reply_assignment_id_proposal_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."proposal_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reply" ADD CONSTRAINT "proposal_reply_unit_id_handling_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."handling_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reply" ADD CONSTRAINT "proposal_reply_returned_by_account_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reply" ADD CONSTRAINT "proposal_reply_sent_by_account_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_signer" ADD CONSTRAINT "proposal_signer_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_signer" ADD CONSTRAINT "proposal_signer_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_signer" ADD CONSTRAINT "proposal_signer_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervision" ADD CONSTRAINT "proposal_supervision_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervision" ADD CONSTRAINT "proposal_supervision_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervision" ADD CONSTRAINT "proposal_supervision_recorded_by_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervisor" ADD CONSTRAINT "proposal_supervisor_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervisor" ADD CONSTRAINT "proposal_supervisor_proposal_id_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervisor" ADD CONSTRAINT "proposal_supervisor_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handling_unit_org_name_uq" ON "handling_unit" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "handling_unit_account_org_account_uq" ON "handling_unit_account" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "handling_unit_account_account_idx" ON "handling_unit_account" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "proposal_org_status_idx" ON "proposal" USING btree ("org_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "proposal_org_session_idx" ON "proposal" USING btree ("org_id","session_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_session_number_uq" ON "proposal" USING btree ("session_id","number") WHERE "proposal"."number" is not null;--> statement-breakpoint
CREATE INDEX "proposal_merged_into_idx" ON "proposal" USING btree ("merged_into_id") WHERE "proposal"."merged_into_id" is not null;--> statement-breakpoint
CREATE INDEX "proposal_key_idx" ON "proposal" USING btree ("org_id","key_status") WHERE "proposal"."key_status" is not null;--> statement-breakpoint
CREATE INDEX "proposal_publish_idx" ON "proposal" USING btree ("org_id","published_at") WHERE "proposal"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "proposal_assignment_unit_idx" ON "proposal_assignment" USING btree ("unit_id","status","due_on");--> statement-breakpoint
CREATE INDEX "proposal_assignment_proposal_idx" ON "proposal_assignment" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_assignment_unit_live_uq" ON "proposal_assignment" USING btree ("proposal_id","unit_id") WHERE "proposal_assignment"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "proposal_assignment_org_status_idx" ON "proposal_assignment" USING btree ("org_id","status","due_on");--> statement-breakpoint
CREATE INDEX "proposal_contact_assignment_idx" ON "proposal_contact" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "proposal_event_proposal_idx" ON "proposal_event" USING btree ("proposal_id","at");--> statement-breakpoint
CREATE INDEX "proposal_extension_assignment_idx" ON "proposal_extension" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "proposal_extension_pending_idx" ON "proposal_extension" USING btree ("org_id") WHERE "proposal_extension"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_rating_reply_member_uq" ON "proposal_rating" USING btree ("reply_id","member_id");--> statement-breakpoint
CREATE INDEX "proposal_rating_proposal_idx" ON "proposal_rating" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "proposal_reply_proposal_idx" ON "proposal_reply" USING btree ("proposal_id","sent_at");--> statement-breakpoint
CREATE INDEX "proposal_reply_unit_idx" ON "proposal_reply" USING btree ("unit_id","sent_at");--> statement-breakpoint
CREATE INDEX "proposal_signer_member_idx" ON "proposal_signer" USING btree ("member_id","status");--> statement-breakpoint
CREATE INDEX "proposal_supervision_proposal_idx" ON "proposal_supervision" USING btree ("proposal_id","on");--> statement-breakpoint
CREATE INDEX "proposal_supervisor_proposal_idx" ON "proposal_supervisor" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "proposal_supervisor_account_idx" ON "proposal_supervisor" USING btree ("account_id");