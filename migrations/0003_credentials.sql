CREATE TYPE "public"."credential_kind" AS ENUM('personal', 'seal', 'device');--> statement-breakpoint
CREATE TYPE "public"."credential_source" AS ENUM('issued', 'imported', 'csr');--> statement-breakpoint
CREATE TYPE "public"."credential_status" AS ENUM('pending', 'active', 'retired');--> statement-breakpoint
CREATE TYPE "public"."device_request_status" AS ENUM('pending', 'signed', 'refused', 'expired');--> statement-breakpoint
CREATE TYPE "public"."key_algorithm" AS ENUM('rsa', 'ecdsa');--> statement-breakpoint
CREATE TABLE "device_signing_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"credential_id" uuid NOT NULL,
	"document_id" text NOT NULL,
	"to_be_signed" text NOT NULL,
	"status" "device_request_status" DEFAULT 'pending' NOT NULL,
	"signature" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signing_acts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"wrapped_key" text NOT NULL,
	"documents" text[] NOT NULL,
	"used_documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "credential_kind" NOT NULL,
	"source" "credential_source" NOT NULL,
	"status" "credential_status" NOT NULL,
	"user_id" uuid,
	"unit_id" uuid,
	"key_algorithm" "key_algorithm" NOT NULL,
	"certificate" text NOT NULL,
	"chain" text[] NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"serial_number" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"sealed_key" text,
	"label" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signing_pin_states" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"unlocked_by" uuid,
	"pin_changed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "totp_secrets" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"sealed_secret" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_used_step" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_signing_requests" ADD CONSTRAINT "device_signing_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_signing_requests" ADD CONSTRAINT "device_signing_requests_credential_id_signing_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."signing_credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_acts" ADD CONSTRAINT "signing_acts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_credentials" ADD CONSTRAINT "signing_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_credentials" ADD CONSTRAINT "signing_credentials_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_credentials" ADD CONSTRAINT "signing_credentials_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_pin_states" ADD CONSTRAINT "signing_pin_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_pin_states" ADD CONSTRAINT "signing_pin_states_unlocked_by_users_id_fk" FOREIGN KEY ("unlocked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_secrets" ADD CONSTRAINT "totp_secrets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_signing_requests_user_idx" ON "device_signing_requests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "signing_acts_user_idx" ON "signing_acts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_credentials_personal_uq" ON "signing_credentials" USING btree ("user_id") WHERE "signing_credentials"."kind" = 'personal' and "signing_credentials"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "signing_credentials_pending_uq" ON "signing_credentials" USING btree ("user_id") WHERE "signing_credentials"."kind" = 'personal' and "signing_credentials"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "signing_credentials_seal_uq" ON "signing_credentials" USING btree ("unit_id") WHERE "signing_credentials"."kind" = 'seal' and "signing_credentials"."status" = 'active';--> statement-breakpoint
CREATE INDEX "signing_credentials_user_idx" ON "signing_credentials" USING btree ("user_id");