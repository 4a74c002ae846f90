CREATE TABLE "stored_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"channel" text DEFAULT 'inapp' NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"target_type" text,
	"target_id" uuid,
	"dedupe_key" text,
	"data" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "challenge_use" (
	"signature" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"category_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"resident_name_enc" text,
	"phone_enc" text,
	"phone_hash" text,
	"ip_hash" text,
	"consent_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"group_id" uuid,
	"committee_id" uuid,
	"member_id" uuid,
	"routed_by" text DEFAULT 'rule' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"first_answered_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answer" text,
	"outcome" text,
	"outcome_department" text,
	"merged_into_id" uuid,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"publish_state" text DEFAULT 'unreviewed' NOT NULL,
	"publish_reason" text,
	"published_at" timestamp with time zone,
	"phone_erased_at" timestamp with time zone,
	"follow_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_status_check" CHECK ("request"."status" in ('new','claimed','answered','reopened','closed')),
	CONSTRAINT "request_outcome_check" CHECK ("request"."outcome" is null or "request"."outcome" in ('solved','explained','referred','merged')),
	CONSTRAINT "request_rating_check" CHECK ("request"."rating" is null or "request"."rating" in ('satisfied','basic','unsatisfied')),
	CONSTRAINT "request_publish_check" CHECK ("request"."publish_state" in ('unreviewed','published','hidden'))
);
--> statement-breakpoint
CREATE TABLE "request_category" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"committee_id" uuid,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_escalation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"target_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_escalation_kind_check" CHECK ("request_escalation"."kind" in ('opinion_report','proposal','topic'))
);
--> statement-breakpoint
CREATE TABLE "request_escalation_item" (
	"org_id" uuid NOT NULL,
	"escalation_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	CONSTRAINT "request_escalation_item_escalation_id_request_id_pk" PRIMARY KEY("escalation_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "request_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "request_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_account_id" uuid,
	"actor_name" text NOT NULL,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"issued_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin_item" (
	"org_id" uuid NOT NULL,
	"bulletin_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "bulletin_item_bulletin_id_report_id_pk" PRIMARY KEY("bulletin_id","report_id")
);
--> statement-breakpoint
CREATE TABLE "opinion_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decline_reason" text,
	"forwarded_to_org_id" uuid,
	"forwarded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "opinion_report_status_check" CHECK ("opinion_report"."status" in ('draft','submitted','returned','adopted','forwarded','declined'))
);
--> statement-breakpoint
CREATE TABLE "opinion_report_author" (
	"org_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "opinion_report_author_report_id_member_id_pk" PRIMARY KEY("report_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "opinion_report_record" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"by_name" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"on" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "opinion_report_record_kind_check" CHECK ("opinion_report_record"."kind" in ('adopted','instructed')),
	CONSTRAINT "opinion_report_record_level_check" CHECK ("opinion_report_record"."level" in ('county','city','province','national'))
);
--> statement-breakpoint
CREATE TABLE "search_doc" (
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"category" text,
	"place_id" uuid,
	"township_id" uuid,
	"is_public" boolean DEFAULT false NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"dict_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "search_doc_kind_ref_id_pk" PRIMARY KEY("kind","ref_id")
);
--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request" ADD CONSTRAINT "request_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request" ADD CONSTRAINT "request_category_id_request_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."request_category"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request" ADD CONSTRAINT "request_place_id_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request" ADD CONSTRAINT "request_group_id_member_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."member_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request" ADD CONSTRAINT "request_committee_id_committee_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committee"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request" ADD CONSTRAINT "request_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request" ADD CONSTRAINT "request_merged_into_id_request_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_category" ADD CONSTRAINT "request_category_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_category" ADD CONSTRAINT "request_category_committee_id_committee_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committee"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_escalation" ADD CONSTRAINT "request_escalation_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_escalation" ADD CONSTRAINT "request_escalation_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_escalation_item" ADD CONSTRAINT "request_escalation_item_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_escalation_item" ADD CONSTRAINT "request_escalation_item_escalation_id_request_escalation_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."request_escalation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_escalation_item" ADD CONSTRAINT "request_escalation_item_request_id_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_event" ADD CONSTRAINT "request_event_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_event" ADD CONSTRAINT "request_event_request_id_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_event" ADD CONSTRAINT "request_event_actor_account_id_account_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin" ADD CONSTRAINT "bulletin_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin" ADD CONSTRAINT "bulletin_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_item" ADD CONSTRAINT "bulletin_item_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_item" ADD CONSTRAINT "bulletin_item_bulletin_id_bulletin_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletin"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_item" ADD CONSTRAINT "bulletin_item_report_id_opinion_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."opinion_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report" ADD CONSTRAINT "opinion_report_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report" ADD CONSTRAINT "opinion_report_decided_by_account_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report" ADD CONSTRAINT "opinion_report_forwarded_to_org_id_org_id_fk" FOREIGN KEY ("forwarded_to_org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report" ADD CONSTRAINT "opinion_report_created_by_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report_author" ADD CONSTRAINT "opinion_report_author_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report_author" ADD CONSTRAINT "opinion_report_author_report_id_opinion_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."opinion_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report_author" ADD CONSTRAINT "opinion_report_author_member_id_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report_record" ADD CONSTRAINT "opinion_report_record_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report_record" ADD CONSTRAINT "opinion_report_record_report_id_opinion_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."opinion_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_report_record" ADD CONSTRAINT "opinion_report_record_recorded_by_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_doc" ADD CONSTRAINT "search_doc_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_doc" ADD CONSTRAINT "search_doc_place_id_place_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_doc" ADD CONSTRAINT "search_doc_township_id_place_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."place"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_file_owner_idx" ON "stored_file" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "notification_account_idx" ON "notification" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_dedupe_uq" ON "notification" USING btree ("org_id","account_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "request_code_uq" ON "request" USING btree ("code");--> statement-breakpoint
CREATE INDEX "request_org_created_idx" ON "request" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "request_org_status_due_idx" ON "request" USING btree ("org_id","status","due_at");--> statement-breakpoint
CREATE INDEX "request_group_status_idx" ON "request" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "request_member_status_idx" ON "request" USING btree ("member_id","status");--> statement-breakpoint
CREATE INDEX "request_phone_time_idx" ON "request" USING btree ("phone_hash","created_at");--> statement-breakpoint
CREATE INDEX "request_ip_time_idx" ON "request" USING btree ("ip_hash","created_at");--> statement-breakpoint
CREATE INDEX "request_public_idx" ON "request" USING btree ("org_id","publish_state","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "request_category_org_name_uq" ON "request_category" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "request_escalation_org_idx" ON "request_escalation" USING btree ("org_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "request_escalation_item_request_idx" ON "request_escalation_item" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_event_request_idx" ON "request_event" USING btree ("request_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletin_org_year_number_uq" ON "bulletin" USING btree ("org_id","year","number");--> statement-breakpoint
CREATE INDEX "bulletin_item_report_idx" ON "bulletin_item" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "opinion_report_org_status_idx" ON "opinion_report" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "opinion_report_forwarded_idx" ON "opinion_report" USING btree ("forwarded_to_org_id");--> statement-breakpoint
CREATE INDEX "opinion_report_author_member_idx" ON "opinion_report_author" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "opinion_report_record_report_idx" ON "opinion_report_record" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "search_doc_tsv_idx" ON "search_doc" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_doc_org_created_idx" ON "search_doc" USING btree ("org_id","created_at");