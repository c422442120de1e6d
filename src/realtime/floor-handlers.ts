// The floor queue's socket methods (src/contract/floor.ts). Anyone in the room raises and
// lowers their own hand; only the chair grants, revokes or moves on — a client cannot take the
// floor by itself, whatever it sends.
import type { FloorRequest } from '../contract/floor.ts';
import { assertChair, assertPresent } from './meeting-roles.ts';
import type { Handlers } from './request-context.ts';

export const floorHandlers: Pick<Handlers, FloorRequest['method']> = {
  getFloor: async (ctx, { meetingId }) => {
    await ctx.facts.assertInvited(ctx.principal, meetingId);
    return ctx.floor.read(meetingId);
  },
  raiseHand: async (ctx, { meetingId }) => {
    await assertPresent(ctx, meetingId);
    return ctx.floor.change(meetingId, { kind: 'raise', userId: ctx.principal.id }, { unitId: ctx.principal.unit.id });
  },
  lowerHand: async (ctx, { meetingId }) => {
    await ctx.facts.assertInvited(ctx.principal, meetingId);
    return ctx.floor.change(meetingId, { kind: 'lower', userId: ctx.principal.id });
  },
  grantFloor: async (ctx, { meetingId, requestId }) => {
    await assertChair(ctx, meetingId);
    return ctx.floor.change(meetingId, requestId === undefined ? { kind: 'grant' } : { kind: 'grant', requestId }, { by: ctx.principal.id });
  },
  revokeFloor: async (ctx, { meetingId }) => {
    await assertChair(ctx, meetingId);
    return ctx.floor.change(meetingId, { kind: 'revoke' });
  },
  nextFloor: async (ctx, { meetingId }) => {
    await assertChair(ctx, meetingId);
    return ctx.floor.change(meetingId, { kind: 'next' }, { by: ctx.principal.id });
  },
};
