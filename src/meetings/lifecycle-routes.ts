import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../auth/index.ts';
import { cancelMeetingSchema, meetingDetailSchema, meetingIdParamsSchema, updateMeetingSchema } from '../contract/meetings.ts';
import { problemResponses } from '../errors/index.ts';
import { cancelMeeting } from './cancel-meeting.ts';
import { closeMeeting } from './close-meeting.ts';
import { endMeeting } from './end-meeting.ts';
import { getMeetingFor } from './meeting-access.ts';
import type { MeetingRoutesOptions } from './meeting-deps.ts';
import { publishMeeting } from './publish-meeting.ts';
import { updateMeeting } from './update-meeting.ts';

// Changing a meeting after it was made: edit and reschedule, publish, cancel, end, close. Each
// answers with the meeting as the caller now sees it (status, and what they may do next).
// Who may do what in which status is meeting-actions.ts; the codes of each refusal are there.
export async function lifecycleRoutes(app: FastifyInstance, options: MeetingRoutesOptions): Promise<void> {
  const { db, guard } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const managers = guard({ roles: ['clerk', 'leader'] });
  const detail = { 200: meetingDetailSchema, ...problemResponses(400, 401, 403, 404, 409) };

  r.patch(
    '/api/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Edit or reschedule a draft or scheduled meeting (its organisers); invitees are told of a new time',
        params: meetingIdParamsSchema,
        body: updateMeetingSchema,
        response: detail,
      },
      preHandler: managers,
    },
    async (request) => {
      const principal = principalOf(request);
      await updateMeeting(options, principal, request.params.id, request.body);
      return getMeetingFor(db, principal, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/publish',
    {
      schema: { tags: ['meetings'], summary: 'Publish a draft: its invitees see it and are notified', params: meetingIdParamsSchema, response: detail },
      preHandler: managers,
    },
    async (request) => {
      const principal = principalOf(request);
      await publishMeeting(options, principal, request.params.id);
      return getMeetingFor(db, principal, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/cancel',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Cancel a draft or scheduled meeting (its organisers); invitees are notified with the reason',
        params: meetingIdParamsSchema,
        // No body at all is a cancel without a reason (fastify hands a body-less POST over as null).
        body: cancelMeetingSchema.nullish(),
        response: detail,
      },
      preHandler: managers,
    },
    async (request) => {
      const principal = principalOf(request);
      await cancelMeeting(options, principal, request.params.id, request.body?.reason);
      return getMeetingFor(db, principal, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/end',
    {
      schema: { tags: ['meetings'], summary: 'End a live meeting (its chair): the room closes for everyone', params: meetingIdParamsSchema, response: detail },
    },
    async (request) => {
      const principal = principalOf(request);
      await endMeeting(options, principal, request.params.id);
      return getMeetingFor(db, principal, request.params.id);
    },
  );

  r.post(
    '/api/meetings/:id/close',
    {
      schema: { tags: ['meetings'], summary: 'Close an ended meeting (its secretary or organisers): final, the minutes no longer change', params: meetingIdParamsSchema, response: detail },
    },
    async (request) => {
      const principal = principalOf(request);
      await closeMeeting(options, principal, request.params.id);
      return getMeetingFor(db, principal, request.params.id);
    },
  );
}
