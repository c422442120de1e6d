// Which code answers each request method. One entry per method of the protocol, checked by the
// compiler against src/contract/realtime.ts: a capability that adds requests there adds its
// handlers here (one file per capability), and forgetting one does not compile.
import type { MediaRequest, Request, RequestMethod, ResponseData } from '../contract/realtime.ts';
import { floorHandlers } from './floor-handlers.ts';
import { presentationHandlers } from './presentation-handlers.ts';
import type { Handler, Handlers, RequestContext } from './request-context.ts';
import { voteHandlers } from './vote-handlers.ts';

const EMPTY: Record<string, never> = {};

/** Media requests go to the connection's MeetingSession; joining the room joins the audience. */
function media<M extends MediaRequest['method']>(method: M): Handler<M> {
  return async (ctx, data) => {
    const before = ctx.session.meetingId;
    const result = await ctx.session.handle({ method, data } as MediaRequest);
    const after = ctx.session.meetingId;
    if (before && before !== after) ctx.unwatch(before);
    if (after && after !== before) ctx.watch(after);
    return result as ResponseData[M];
  };
}

export const handlers: Handlers = {
  getRouterRtpCapabilities: media('getRouterRtpCapabilities'),
  join: media('join'),
  createTransport: media('createTransport'),
  connectTransport: media('connectTransport'),
  restartIce: media('restartIce'),
  produce: media('produce'),
  closeProducer: media('closeProducer'),
  pauseProducer: media('pauseProducer'),
  resumeProducer: media('resumeProducer'),
  resumeConsumer: media('resumeConsumer'),
  setConsumerPreferredLayers: media('setConsumerPreferredLayers'),
  setThumbnailPage: media('setThumbnailPage'),
  leave: media('leave'),
  mute: media('mute'),
  unmute: media('unmute'),
  muteAll: media('muteAll'),
  removeParticipant: media('removeParticipant'),
  lock: media('lock'),
  setStage: media('setStage'),
  reportMediaFailure: media('reportMediaFailure'),

  watchMeeting: async (ctx, { meetingId }) => {
    await ctx.facts.assertInvited(ctx.principal, meetingId);
    ctx.watch(meetingId);
    return EMPTY;
  },
  unwatchMeeting: async (ctx, { meetingId }) => {
    if (ctx.session.meetingId !== meetingId) ctx.unwatch(meetingId);
    return EMPTY;
  },

  ...floorHandlers,
  ...voteHandlers,
  ...presentationHandlers,
};

/** Dispatches a validated request to its handler. */
export function handleRequest(ctx: RequestContext, req: Request): Promise<ResponseData[RequestMethod]> {
  // The union is validated; TypeScript cannot correlate a method with its data across a map.
  const handler = handlers[req.method] as (ctx: RequestContext, data: Request['data']) => Promise<ResponseData[RequestMethod]>;
  return handler(ctx, req.data);
}
