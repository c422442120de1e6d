CREATE TYPE "public"."route_status" AS ENUM('active', 'done', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."route_signer_status" AS ENUM('pending', 'signed', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."route_step_kind" AS ENUM('review', 'personal', 'seal');--> statement-breakpoint
CREATE TYPE "public"."route_step_status" AS ENUM('waiting', 'active', 'done', 'rejected');--> statement-breakpoint
CREATE TABLE "document_number_counters" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_number_counters_unit_id_year_pk" PRIMARY KEY("unit_id","year")
);
--> statement-breakpoint
CREATE TABLE "document_numbers" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"document_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_numbers_unit_id_year_number_pk" PRIMARY KEY("unit_id","year","number")
);
--> statement-breakpoint
CREATE TABLE "signing_route_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"route_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "route_step_kind" NOT NULL,
	"status" "route_step_status" DEFAULT 'waiting' NOT NULL,
	"activated_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signing_routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"status" "route_status" DEFAULT 'active' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"due_hours" real NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_step_signers" (
	"step_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "route_signer_status" DEFAULT 'pending' NOT NULL,
	"at" timestamp with time zone,
	"version" integer,
	"reason" text,
	CONSTRAINT "signing_step_signers_step_id_user_id_pk" PRIMARY KEY("step_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "document_number_counters" ADD CONSTRAINT "document_number_counters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_numbers" ADD CONSTRAINT "document_numbers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_numbers" ADD CONSTRAINT "document_numbers_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_numbers" ADD CONSTRAINT "document_numbers_step_id_signing_route_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."signing_route_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_route_steps" ADD CONSTRAINT "signing_route_steps_route_id_signing_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."signing_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_routes" ADD CONSTRAINT "signing_routes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_routes" ADD CONSTRAINT "signing_routes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_step_signers" ADD CONSTRAINT "signing_step_signers_step_id_signing_route_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."signing_route_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_step_signers" ADD CONSTRAINT "signing_step_signers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_numbers_step_idx" ON "document_numbers" USING btree ("step_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_route_steps_position_idx" ON "signing_route_steps" USING btree ("route_id","position");--> statement-breakpoint
CREATE INDEX "signing_route_steps_due_idx" ON "signing_route_steps" USING btree ("due_at") WHERE "signing_route_steps"."status" = 'active' and "signing_route_steps"."reminded_at" is null;--> statement-breakpoint
CREATE INDEX "signing_routes_document_idx" ON "signing_routes" USING btree ("document_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_routes_one_active_idx" ON "signing_routes" USING btree ("document_id") WHERE "signing_routes"."status" = 'active';--> statement-breakpoint
CREATE INDEX "signing_step_signers_user_idx" ON "signing_step_signers" USING btree ("user_id","status");