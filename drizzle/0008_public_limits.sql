CREATE TABLE "request_follow" (
	"request_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"device_hash" text NOT NULL,
	"ip_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "request_follow_request_id_device_hash_pk" PRIMARY KEY("request_id","device_hash")
);
--> statement-breakpoint
ALTER TABLE "stored_file" ADD COLUMN "ip_hash" text;--> statement-breakpoint
ALTER TABLE "stored_file" ADD COLUMN "received_bytes" integer;--> statement-breakpoint
ALTER TABLE "request_follow" ADD CONSTRAINT "request_follow_request_id_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_follow" ADD CONSTRAINT "request_follow_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_follow_ip_time_idx" ON "request_follow" USING btree ("ip_hash","created_at");--> statement-breakpoint
CREATE INDEX "stored_file_ip_time_idx" ON "stored_file" USING btree ("ip_hash","created_at");