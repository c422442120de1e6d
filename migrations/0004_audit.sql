CREATE TYPE "public"."audit_action" AS ENUM('auth.login', 'auth.login_failed', 'auth.logout', 'meeting.create', 'meeting.update', 'meeting.join', 'meeting.leave', 'meeting.remove', 'document.upload', 'document.view', 'document.verify', 'route.change', 'document.sign', 'document.reject', 'document.seal', 'floor.request', 'floor.grant', 'floor.end', 'vote.open', 'vote.cast', 'vote.close', 'credential.enroll', 'credential.lock', 'credential.unlock');--> statement-breakpoint
CREATE TYPE "public"."audit_subject_kind" AS ENUM('user', 'unit', 'meeting', 'agenda_item', 'document', 'vote', 'floor_request', 'credential');--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "audit_chain_head_one_row" CHECK ("audit_chain_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_unit_id" uuid,
	"action" "audit_action" NOT NULL,
	"subject_kind" "audit_subject_kind",
	"subject_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_subject_check" CHECK (("audit_events"."subject_kind" is null) = ("audit_events"."subject_id" is null))
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_unit_id_units_id_fk" FOREIGN KEY ("actor_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_hash_idx" ON "audit_events" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "audit_events_actor_unit_idx" ON "audit_events" USING btree ("actor_unit_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_actor_user_idx" ON "audit_events" USING btree ("actor_user_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_kind","subject_id","seq");