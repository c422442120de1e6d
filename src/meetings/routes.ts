import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Guard } from '../auth/index.ts';
import {
  createMeetingSchema,
  meetingCreatedSchema,
  meetingDetailSchema,
  meetingIdParamsSchema,
  meetingListQuerySchema,
  meetingSummarySchema,
} from '../contract/meetings.ts';
import type { Db } from '../db/index.ts';
import { problemResponses } from '../errors/index.ts';
import { createMeeting } from './create-meeting.ts';
import { getMeetingFor, listMeetingsFor } from './meeting-access.ts';

export async function meetingRoutes(app: FastifyInstance, { db, guard }: { db: Db; guard: Guard }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Schedule a meeting of the caller’s unit (clerk or leader), inviting units of its subtree',
        body: createMeetingSchema,
        response: { 201: meetingCreatedSchema, ...problemResponses(400, 401, 403) },
      },
      preHandler: guard({ roles: ['clerk', 'leader'] }),
    },
    async (request, reply) => reply.code(201).send(await createMeeting(db, principalOf(request), request.body)),
  );

  r.get(
    '/api/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Meetings the caller is invited to, soonest first',
        querystring: meetingListQuerySchema,
        response: { 200: z.array(meetingSummarySchema), ...problemResponses(401) },
      },
    },
    async (request) => listMeetingsFor(db, principalOf(request), { since: request.query.since ? new Date(request.query.since) : undefined }),
  );

  r.get(
    '/api/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One meeting the caller is invited to',
        params: meetingIdParamsSchema,
        response: { 200: meetingDetailSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getMeetingFor(db, principalOf(request), request.params.id),
  );
}
