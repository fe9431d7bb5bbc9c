CREATE TABLE "article_content_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"content_root" text NOT NULL,
	"content_size" integer NOT NULL,
	"manuscript_id" uuid,
	"wrapped_key" "bytea" NOT NULL,
	"chain_id" integer,
	"article_token_address" text,
	"token_id" text,
	"minted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_wallets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"address" text NOT NULL,
	"public_key" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_wallets_kind_check" CHECK ("user_wallets"."kind" in ('siwe','local'))
);
--> statement-breakpoint
CREATE TABLE "wallet_link_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "article_content_keys" ADD CONSTRAINT "article_content_keys_manuscript_id_manuscripts_id_fk" FOREIGN KEY ("manuscript_id") REFERENCES "public"."manuscripts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_wallets" ADD CONSTRAINT "user_wallets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_link_nonces" ADD CONSTRAINT "wallet_link_nonces_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "article_content_keys_content_root_key" ON "article_content_keys" USING btree ("content_root");--> statement-breakpoint
CREATE UNIQUE INDEX "article_content_keys_token_key" ON "article_content_keys" USING btree ("chain_id","article_token_address","token_id");--> statement-breakpoint
CREATE INDEX "article_content_keys_manuscript_idx" ON "article_content_keys" USING btree ("manuscript_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_wallets_address_key" ON "user_wallets" USING btree ("address");--> statement-breakpoint
CREATE INDEX "user_wallets_user_idx" ON "user_wallets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "wallet_link_nonces_user_idx" ON "wallet_link_nonces" USING btree ("user_id");