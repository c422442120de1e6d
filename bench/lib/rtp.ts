// Just enough RTP/RTCP for the benchmark sender and receivers: RTP header writing (RFC 3550) with
// an optional audio-level header extension (RFC 6464 in the one-byte form of RFC 8285), VP8
// payload packetization (RFC 7741), RTCP sender reports, and a parser for the RTCP that mediasoup
// sends back (receiver reports, PLI, FIR, generic NACK).

export const RTP_HEADER = 12;
/** RTP payload budget per packet, VP8 payload descriptor included: ~1.2 kB, like browsers. */
export const MAX_PAYLOAD = 1200;
const VP8_DESCRIPTOR = 4;

export interface RtpHeader {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  /**
   * The ssrc-audio-level extension (RFC 6464): its negotiated id (1..14), the level in -dBov
   * (0 loudest, 127 silence) and the voice-activity flag.
   */
  audioLevel?: { id: number; level: number; voice: boolean };
}

/** 4-byte extension header (0xBEDE, length in words) + one 1-byte element + 2 bytes of padding. */
const AUDIO_LEVEL_EXTENSION = 8;

/** A packet: header written from `h`, then `payload`. */
export function rtpPacket(h: RtpHeader, payload: Buffer): Buffer {
  const ext = h.audioLevel ? AUDIO_LEVEL_EXTENSION : 0;
  const buf = Buffer.allocUnsafe(RTP_HEADER + ext + payload.length);
  buf[0] = 0x80 | (ext ? 0x10 : 0); // V=2, no padding, X when extended, no CSRC
  buf[1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  buf.writeUInt16BE(h.sequenceNumber & 0xffff, 2);
  buf.writeUInt32BE(h.timestamp >>> 0, 4);
  buf.writeUInt32BE(h.ssrc >>> 0, 8);
  if (h.audioLevel) {
    const { id, level, voice } = h.audioLevel;
    buf.writeUInt16BE(0xbede, RTP_HEADER);
    buf.writeUInt16BE(1, RTP_HEADER + 2); // one 32-bit word of elements follows
    buf[RTP_HEADER + 4] = (id & 0x0f) << 4; // L=0: one byte of data
    buf[RTP_HEADER + 5] = (voice ? 0x80 : 0) | (Math.max(0, Math.min(127, Math.round(level))) & 0x7f);
    buf[RTP_HEADER + 6] = 0;
    buf[RTP_HEADER + 7] = 0;
  }
  payload.copy(buf, RTP_HEADER + ext);
  return buf;
}

/**
 * Temporal-layer fields of one VP8 frame (RFC 7741 §4.2), for an L1T3 stream: TID, TL0PICIDX
 * (the index of the latest base-layer frame) and Y (layer sync: the frame depends only on the
 * base layer). KEYIDX is not used.
 */
export interface Vp8Temporal {
  tid: number;
  tl0PicIdx: number;
  layerSync: boolean;
}

/** TID of the frames of an L1T3 group, from the key frame or the last TL0 frame on: 0, 2, 1, 2. */
export const L1T3_PATTERN: readonly number[] = [0, 2, 1, 2];

/**
 * VP8 payloads of one frame (RFC 7741 §4.2): each starts with a payload descriptor, X=1, S=1 and
 * PID=0 on the first packet only, I=1 with a 15-bit picture ID; with `temporal` also L=1
 * (TL0PICIDX) and T=1 (TID, Y), 6 bytes instead of 4. The caller sets the marker bit on the last
 * one.
 */
export function vp8Payloads(frame: Buffer, pictureId: number, maxPayload = MAX_PAYLOAD, temporal?: Vp8Temporal): Buffer[] {
  const descriptor = VP8_DESCRIPTOR + (temporal ? 2 : 0);
  const chunk = maxPayload - descriptor;
  const count = Math.max(1, Math.ceil(frame.length / chunk));
  // Spread the bytes evenly rather than leaving a runt packet at the end.
  const size = Math.ceil(frame.length / count);
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const part = frame.subarray(i * size, Math.min(frame.length, (i + 1) * size));
    const p = Buffer.allocUnsafe(descriptor + part.length);
    p[0] = 0x80 | (i === 0 ? 0x10 : 0); // X, S (start of partition 0)
    p[1] = 0x80 | (temporal ? 0x60 : 0); // I: picture ID present; L, T: TL0PICIDX and TID present
    p[2] = 0x80 | ((pictureId >> 8) & 0x7f); // M=1: 15-bit picture ID
    p[3] = pictureId & 0xff;
    if (temporal) {
      p[4] = temporal.tl0PicIdx & 0xff;
      p[5] = ((temporal.tid & 0x03) << 6) | (temporal.layerSync ? 0x20 : 0); // TID, Y, KEYIDX=0
    }
    part.copy(p, descriptor);
    out.push(p);
  }
  return out;
}

/** RTCP packet types (RFC 3550, RFC 4585). */
export const RTCP = { SR: 200, RR: 201, SDES: 202, BYE: 203, RTPFB: 205, PSFB: 206 } as const;

/** An RTCP packet has, with RTP/RTCP multiplexing (RFC 5761 §4), a second byte in 192..223. */
export const isRtcp = (buf: Buffer): boolean => buf.length >= 8 && (buf[1] as number) >= 192 && (buf[1] as number) <= 223;

/** Seconds between the NTP epoch (1900) and the Unix epoch. */
const NTP_OFFSET = 2208988800;

/** RFC 3550 §6.4.1 sender report, no report blocks. */
export function senderReport(ssrc: number, wallMs: number, rtpTimestamp: number, packets: number, octets: number): Buffer {
  const buf = Buffer.alloc(28);
  buf[0] = 0x80;
  buf[1] = RTCP.SR;
  buf.writeUInt16BE(6, 2); // length in 32-bit words minus one
  buf.writeUInt32BE(ssrc >>> 0, 4);
  const seconds = Math.floor(wallMs / 1000);
  buf.writeUInt32BE((seconds + NTP_OFFSET) >>> 0, 8);
  buf.writeUInt32BE(Math.floor(((wallMs % 1000) / 1000) * 2 ** 32) >>> 0, 12);
  buf.writeUInt32BE(rtpTimestamp >>> 0, 16);
  buf.writeUInt32BE(packets >>> 0, 20);
  buf.writeUInt32BE(octets >>> 0, 24);
  return buf;
}

export interface RtcpFeedback {
  /** Receiver-report blocks, by the SSRC reported on. */
  reports: { ssrc: number; fractionLost: number; cumulativeLost: number }[];
  /** Media SSRCs asked for a key frame (PLI or FIR). */
  keyFrameRequests: number[];
  /** Generic NACKs: media SSRC and the lost sequence numbers. */
  nacks: { ssrc: number; seqs: number[] }[];
  other: number;
}

/** Parses a (compound) RTCP packet; unknown or malformed parts are counted in `other`. */
export function parseRtcp(buf: Buffer): RtcpFeedback {
  const fb: RtcpFeedback = { reports: [], keyFrameRequests: [], nacks: [], other: 0 };
  for (let off = 0; off + 4 <= buf.length; ) {
    const count = (buf[off] as number) & 0x1f;
    const pt = buf[off + 1] as number;
    const len = (buf.readUInt16BE(off + 2) + 1) * 4;
    if (((buf[off] as number) >> 6) !== 2 || off + len > buf.length) {
      fb.other++;
      break;
    }
    if (pt === RTCP.SR || pt === RTCP.RR) {
      let block = off + (pt === RTCP.SR ? 28 : 8);
      for (let i = 0; i < count && block + 24 <= off + len; i++, block += 24) {
        const lost = buf.readUIntBE(block + 5, 3);
        fb.reports.push({ ssrc: buf.readUInt32BE(block), fractionLost: (buf[block + 4] as number) / 256, cumulativeLost: lost & 0x800000 ? lost - 0x1000000 : lost });
      }
    } else if (pt === RTCP.PSFB && len >= 12 && (count === 1 || count === 4)) {
      // PLI names its media SSRC in the common header; FIR in each FCI entry.
      if (count === 1) fb.keyFrameRequests.push(buf.readUInt32BE(off + 8));
      else for (let e = off + 12; e + 8 <= off + len; e += 8) fb.keyFrameRequests.push(buf.readUInt32BE(e));
    } else if (pt === RTCP.RTPFB && count === 1 && len >= 16) {
      const seqs: number[] = [];
      for (let e = off + 12; e + 4 <= off + len; e += 4) {
        const pid = buf.readUInt16BE(e);
        const blp = buf.readUInt16BE(e + 2);
        seqs.push(pid);
        for (let b = 0; b < 16; b++) if (blp & (1 << b)) seqs.push((pid + b + 1) & 0xffff);
      }
      fb.nacks.push({ ssrc: buf.readUInt32BE(off + 8), seqs });
    } else {
      fb.other++;
    }
    off += len;
  }
  return fb;
}
