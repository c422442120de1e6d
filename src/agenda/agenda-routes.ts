// The agenda's items over HTTP: read by everyone invited, changed by the meeting's managers
// before the meeting, the current item set by the chair during it. Every change is pushed to
// the meeting's audience as the whole agenda (agendaUpdated).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf, type Principal } from '../auth/index.ts';
import {
  agendaItemCreatedSchema,
  agendaItemInputSchema,
  agendaItemParamsSchema,
  agendaItemPatchSchema,
  agendaOrderSchema,
  agendaViewSchema,
  currentItemInputSchema,
  type AgendaView,
} from '../contract/agenda.ts';
import { meetingIdParamsSchema } from '../contract/meetings.ts';
import { AppError, problemResponses } from '../errors/index.ts';
import type { MeetingRow } from '../meetings/index.ts';
import { addItem, removeItem, reorderItems, setCurrentItem, updateItem } from './agenda-items.ts';
import { loadAgenda } from './agenda-view.ts';
import type { AgendaRoutesOptions } from './routes-options.ts';
import { agendaRights, assertEditable, meetingToManage, meetingToRead } from './meeting-rules.ts';

export async function agendaRoutes(app: FastifyInstance, { db, pusher }: AgendaRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** After a change: the agenda to the meeting's audience, and to the caller with their rights. */
  const publish = async (meeting: MeetingRow, principal: Principal): Promise<AgendaView> => {
    const agenda = await loadAgenda(db, meeting.id);
    pusher.toMeeting(meeting.id, { method: 'agendaUpdated', data: agenda });
    return { ...agenda, ...agendaRights(meeting, principal) };
  };
  /** A manager of a meeting whose items may still change. */
  const toEditItems = async (principal: Principal, meetingId: string): Promise<MeetingRow> => {
    const meeting = await meetingToManage(db, principal, meetingId);
    assertEditable(meeting.status, 'items');
    return meeting;
  };

  r.get(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags: ['agenda'],
        summary: 'The meeting’s agenda with its documents, and what the caller may change',
        params: meetingIdParamsSchema,
        response: { 200: agendaViewSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const meeting = await meetingToRead(db, principal, request.params.id);
      return { ...(await loadAgenda(db, meeting.id)), ...agendaRights(meeting, principal) };
    },
  );

  r.post(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Add an item at the end of the agenda (organiser’s clerk or leader, before the meeting)',
        params: meetingIdParamsSchema,
        body: agendaItemInputSchema,
        response: { 201: agendaItemCreatedSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const meeting = await toEditItems(principal, request.params.id);
      const created = await addItem(db, meeting.id, request.body);
      await publish(meeting, principal);
      return reply.code(201).send(created);
    },
  );

  r.patch(
    '/api/meetings/:id/agenda/:itemId',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Edit an item’s title, presenter or planned minutes',
        params: agendaItemParamsSchema,
        body: agendaItemPatchSchema,
        response: { 200: agendaViewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const meeting = await toEditItems(principal, request.params.id);
      await updateItem(db, meeting.id, request.params.itemId, request.body);
      return publish(meeting, principal);
    },
  );

  r.delete(
    '/api/meetings/:id/agenda/:itemId',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Remove an item (its documents leave the meeting; the store keeps them)',
        params: agendaItemParamsSchema,
        response: { 200: agendaViewSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const meeting = await toEditItems(principal, request.params.id);
      await removeItem(db, meeting.id, request.params.itemId);
      return publish(meeting, principal);
    },
  );

  r.post(
    '/api/meetings/:id/agenda/order',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Reorder the items: every item id, each once, in the new order',
        params: meetingIdParamsSchema,
        body: agendaOrderSchema,
        response: { 200: agendaViewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const meeting = await toEditItems(principal, request.params.id);
      await reorderItems(db, meeting.id, request.body.itemIds);
      return publish(meeting, principal);
    },
  );

  r.post(
    '/api/meetings/:id/agenda/current',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Set the item under discussion (the chair, while the meeting is live); null for none',
        params: meetingIdParamsSchema,
        body: currentItemInputSchema,
        response: { 200: agendaViewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const meeting = await meetingToRead(db, principal, request.params.id);
      if (meeting.chairId !== principal.id) throw new AppError('meeting.not_chair');
      await setCurrentItem(db, meeting.id, request.body.itemId);
      return publish(meeting, principal);
    },
  );
}
