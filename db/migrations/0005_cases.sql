CREATE TABLE "case_access_log" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_access_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" text NOT NULL,
	"actor" text NOT NULL,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"case_id" uuid,
	"purpose" text,
	"decision" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"permission" text NOT NULL,
	"disease" text,
	"modifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scope_countries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scope_institution_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allow_federation" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone,
	"recorded_by" uuid,
	"recorded_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_consents_status_check" CHECK ("case_consents"."status" in ('active','revoked'))
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"institution_id" uuid,
	"created_by" uuid,
	"sex" text,
	"age_band" text,
	"age_of_onset" text,
	"onset_year" integer,
	"country" text,
	"summary" text DEFAULT '' NOT NULL,
	"features" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"genomic_features" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"disorders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact" jsonb NOT NULL,
	"patient_token_hash" text NOT NULL,
	"deid_report" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_status_check" CHECK ("cases"."status" in ('active','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "mme_peers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"country" text NOT NULL,
	"not_for_profit" boolean DEFAULT true NOT NULL,
	"purpose" text DEFAULT 'HMB' NOT NULL,
	"outbound_token" text,
	"inbound_token_hash" text NOT NULL,
	"timeout_ms" integer DEFAULT 5000 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_consents" ADD CONSTRAINT "case_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mme_peers" ADD CONSTRAINT "mme_peers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_access_log_case_idx" ON "case_access_log" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_access_log_hash_key" ON "case_access_log" USING btree ("hash");--> statement-breakpoint
CREATE UNIQUE INDEX "case_consents_case_version_key" ON "case_consents" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_patient_token_key" ON "cases" USING btree ("patient_token_hash");--> statement-breakpoint
CREATE INDEX "cases_created_by_idx" ON "cases" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "mme_peers_name_key" ON "mme_peers" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "mme_peers_inbound_token_key" ON "mme_peers" USING btree ("inbound_token_hash");