import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../auth/index.ts';
import {
  createMeetingSchema,
  meetingCreatedSchema,
  meetingDetailSchema,
  meetingIdParamsSchema,
  meetingListQuerySchema,
  meetingSummarySchema,
} from '../contract/meetings.ts';
import { problemResponses } from '../errors/index.ts';
import { createMeeting } from './create-meeting.ts';
import { lifecycleRoutes } from './lifecycle-routes.ts';
import { getMeetingFor, listMeetingsFor } from './meeting-access.ts';
import type { MeetingRoutesOptions } from './meeting-deps.ts';

export async function meetingRoutes(app: FastifyInstance, options: MeetingRoutesOptions): Promise<void> {
  const { db, guard } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Schedule a meeting of the caller’s unit (clerk or leader), inviting units of its subtree; `status: "draft"` keeps it from invitees until published',
        body: createMeetingSchema,
        response: { 201: meetingCreatedSchema, ...problemResponses(400, 401, 403) },
      },
      preHandler: guard({ roles: ['clerk', 'leader'] }),
    },
    async (request, reply) => reply.code(201).send(await createMeeting(options, principalOf(request), request.body)),
  );

  r.get(
    '/api/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Meetings the caller may see, soonest first, by start time range and status',
        querystring: meetingListQuerySchema,
        response: { 200: z.array(meetingSummarySchema), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { since, until, status } = request.query;
      return listMeetingsFor(db, principalOf(request), {
        since: since ? new Date(since) : undefined,
        until: until ? new Date(until) : undefined,
        statuses: status === undefined ? undefined : [status].flat(),
      });
    },
  );

  r.get(
    '/api/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One meeting the caller may see, with what they may do to it',
        params: meetingIdParamsSchema,
        response: { 200: meetingDetailSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getMeetingFor(db, principalOf(request), request.params.id),
  );

  await app.register(lifecycleRoutes, options);
}
