CREATE TABLE "article_licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"licensee" text NOT NULL,
	"licence_id" text NOT NULL,
	"price_wei" text NOT NULL,
	"expires_at" timestamp with time zone,
	"tx_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "article_shares" (
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	"share_bps" integer NOT NULL,
	"measured_characters" integer DEFAULT 0 NOT NULL,
	"payee_address" text,
	"approved_at" timestamp with time zone,
	CONSTRAINT "article_shares_article_id_user_id_pk" PRIMARY KEY("article_id","user_id"),
	CONSTRAINT "article_shares_role_check" CHECK ("article_shares"."role" in ('author','reviewer')),
	CONSTRAINT "article_shares_bps_check" CHECK ("article_shares"."share_bps" > 0 and "article_shares"."share_bps" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"manuscript_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"price_wei" text NOT NULL,
	"licence_duration_seconds" integer NOT NULL,
	"royalty_bps" integer DEFAULT 500 NOT NULL,
	"content_root" text,
	"metadata_hash" text,
	"chain_id" integer,
	"article_token_address" text,
	"token_id" text,
	"mint_tx_hash" text,
	"views" integer DEFAULT 0 NOT NULL,
	"reads" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_status_check" CHECK ("articles"."status" in ('proposed','approved','publishing','published'))
);
--> statement-breakpoint
CREATE TABLE "earning_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"address" text NOT NULL,
	"amount_wei" text NOT NULL,
	"tx_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_licences" ADD CONSTRAINT "article_licences_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_licences" ADD CONSTRAINT "article_licences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_shares" ADD CONSTRAINT "article_shares_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_shares" ADD CONSTRAINT "article_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_manuscript_id_manuscripts_id_fk" FOREIGN KEY ("manuscript_id") REFERENCES "public"."manuscripts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_version_id_manuscript_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."manuscript_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earning_withdrawals" ADD CONSTRAINT "earning_withdrawals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "article_licences_tx_key" ON "article_licences" USING btree ("tx_hash");--> statement-breakpoint
CREATE INDEX "article_licences_user_idx" ON "article_licences" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "article_licences_article_idx" ON "article_licences" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "article_shares_user_idx" ON "article_shares" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_submission_key" ON "articles" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_slug_key" ON "articles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "articles_status_idx" ON "articles" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "earning_withdrawals_tx_key" ON "earning_withdrawals" USING btree ("tx_hash");--> statement-breakpoint
CREATE INDEX "earning_withdrawals_user_idx" ON "earning_withdrawals" USING btree ("user_id");