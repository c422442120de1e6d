import type { Page } from 'playwright-core';

// Reading what a page really receives, from RTCPeerConnection.getStats(): an init script keeps
// every peer connection the app makes (the app is not changed for tests), and each inbound
// stream is matched to the remote user by the track of the <video>/<audio data-user> element
// that plays it.

/** Runs before the app: remembers every RTCPeerConnection on window.__ecabinetPcs. */
export const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const all = [];
  window.__ecabinetPcs = all;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); all.push(this); }
  };
})();`;

export interface Inbound {
  framesDecoded: number;
  frameWidth: number;
  framesPerSecond: number;
  packetsReceived: number;
  bytesReceived: number;
  /** data-role of the element: stage, thumbnail, screen. */
  role: string | null;
  /** The track's id: a new consumer is a new track, whose counters start again. */
  track: string;
}

/** data-user → figures of the stream playing in that user's element of one kind. */
export type InboundByUser = Record<string, Inbound>;

/** Inbound RTP of every `<video|audio data-user>` on the page, by username. */
export async function inboundByUser(page: Page, kind: 'video' | 'audio'): Promise<InboundByUser> {
  return page.evaluate(async (kind) => {
    const pcs = (window as unknown as { __ecabinetPcs?: RTCPeerConnection[] }).__ecabinetPcs ?? [];
    const inbound: Record<string, number | string>[] = [];
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, number | string>) => {
        if (s.type === 'inbound-rtp' && s.kind === kind) inbound.push(s);
      });
    }
    const out: InboundByUser = {};
    for (const el of Array.from(document.querySelectorAll<HTMLMediaElement>(`${kind}[data-user]`))) {
      const stream = el.srcObject instanceof MediaStream ? el.srcObject : null;
      const track = kind === 'video' ? stream?.getVideoTracks()[0] : stream?.getAudioTracks()[0];
      const s = inbound.find((x) => x.trackIdentifier === track?.id);
      const user = el.dataset.user as string;
      if (!s || (out[user] && el.dataset.role === 'screen')) continue;
      out[user] = {
        framesDecoded: Number(s.framesDecoded ?? 0),
        frameWidth: Number(s.frameWidth ?? 0),
        packetsReceived: Number(s.packetsReceived ?? 0),
        bytesReceived: Number(s.bytesReceived ?? 0),
        role: el.dataset.role ?? null,
        track: String(s.trackIdentifier),
        framesPerSecond: Number(s.framesPerSecond ?? 0),
      };
    }
    return out;
  }, kind);
}

/** Polls until `check` holds for the page's inbound figures, or fails with the last ones. */
export async function waitForInbound(page: Page, kind: 'video' | 'audio', check: (s: InboundByUser) => boolean, timeoutMs = 20_000, what = 'condition'): Promise<InboundByUser> {
  const deadline = Date.now() + timeoutMs;
  let last: InboundByUser = {};
  while (Date.now() < deadline) {
    last = await inboundByUser(page, kind);
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms; last ${kind} stats: ${JSON.stringify(last)}`);
}

/** Figures for `username` that grew between two readings `ms` apart. */
export async function growth(page: Page, kind: 'video' | 'audio', username: string, ms = 1500): Promise<{ frames: number; packets: number }> {
  const a = (await inboundByUser(page, kind))[username];
  await new Promise((r) => setTimeout(r, ms));
  const b = (await inboundByUser(page, kind))[username];
  return { frames: (b?.framesDecoded ?? 0) - (a?.framesDecoded ?? 0), packets: (b?.packetsReceived ?? 0) - (a?.packetsReceived ?? 0) };
}

/**
 * Waits until media from every one of `users` is flowing on the page: the same stream's
 * frames (video) or packets (audio) grew between two readings. Returns when that was first seen.
 */
export async function waitForFlowing(page: Page, kind: 'video' | 'audio', users: readonly string[], timeoutMs: number, what: string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const count = (x: InboundByUser[string] | undefined) => (kind === 'video' ? x?.framesDecoded : x?.packetsReceived) ?? 0;
  let previous = await inboundByUser(page, kind);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await inboundByUser(page, kind);
    if (users.every((u) => now[u] && previous[u]?.track === now[u].track && count(now[u]) > count(previous[u]))) return Date.now();
    previous = now;
  }
  throw new Error(`${what}: not flowing within ${timeoutMs} ms; last ${kind} stats: ${JSON.stringify(previous)}`);
}
