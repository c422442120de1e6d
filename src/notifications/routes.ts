import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../auth/index.ts';
import { markReadSchema, notificationListQuerySchema, notificationListSchema, unreadCountSchema } from '../contract/notifications.ts';
import type { Pusher } from '../contract/realtime.ts';
import type { Db } from '../db/index.ts';
import { problemResponses } from '../errors/index.ts';
import { listMine, markRead } from './my-notifications.ts';

export async function notificationRoutes(app: FastifyInstance, { db, pusher }: { db: Db; pusher: Pusher }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, and how many are unread',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => listMine(db, principalOf(request).id, request.query.limit),
  );

  r.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark some of my notifications read (by id), or all of them',
        body: markReadSchema,
        response: { 200: unreadCountSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const userId = principalOf(request).id;
      const unread = await markRead(db, userId, request.body);
      // The user's other tabs and devices update their bell.
      pusher.toUser(userId, { method: 'notificationsRead', data: { unread } });
      return { unread };
    },
  );
}
