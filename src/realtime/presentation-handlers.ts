// The presenter's socket methods (src/contract/presentation.ts). Leading is refused to anyone
// but the chair and the current item's presenter, whatever a client sends; each change is
// written first, then pushed to the meeting's audience (the room and the tablets watching it).
import type { PresentationRequest } from '../contract/presentation.ts';
import { present, presentationView, stopPresenting } from '../presentation/index.ts';
import type { Handlers } from './request-context.ts';

export const presentationHandlers: Pick<Handlers, PresentationRequest['method']> = {
  present: async (ctx, input) => {
    const state = await present(ctx.db, ctx.principal, input);
    ctx.pusher.toMeeting(input.meetingId, { method: 'presentationChanged', data: state });
    return state;
  },
  stopPresenting: async (ctx, { meetingId }) => {
    const state = await stopPresenting(ctx.db, ctx.principal, meetingId);
    ctx.pusher.toMeeting(meetingId, { method: 'presentationChanged', data: state });
    return state;
  },
  getPresentation: (ctx, { meetingId }) => presentationView(ctx.db, ctx.principal, meetingId),
};
