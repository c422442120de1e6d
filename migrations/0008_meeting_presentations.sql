CREATE TABLE "meeting_presentations" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"presenter_id" uuid,
	"document_id" uuid,
	"version" integer,
	"page" integer,
	"revision" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_presentations_whole" CHECK (num_nulls("meeting_presentations"."presenter_id", "meeting_presentations"."document_id", "meeting_presentations"."version", "meeting_presentations"."page") in (0, 4)),
	CONSTRAINT "meeting_presentations_page" CHECK ("meeting_presentations"."page" >= 1)
);
--> statement-breakpoint
ALTER TABLE "meeting_presentations" ADD CONSTRAINT "meeting_presentations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_presentations" ADD CONSTRAINT "meeting_presentations_presenter_id_users_id_fk" FOREIGN KEY ("presenter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_presentations" ADD CONSTRAINT "meeting_presentations_version_fk" FOREIGN KEY ("document_id","version") REFERENCES "public"."document_versions"("document_id","version") ON DELETE no action ON UPDATE no action;