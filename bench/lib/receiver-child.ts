// One receiver process of the SFU benchmarks (forked by receivers.ts): opens UDP sockets and
// counts, per socket and per SSRC, RTP packets, bytes and sequence-number gaps. It never decrypts:
// under SRTP the 12-byte RTP header is in the clear. RTCP (multiplexed on the same port) is
// only counted. Kept small and separate so counting does not compete with the process that
// runs the sender and takes the measurements.
import { createSocket, type Socket } from 'node:dgram';
import type { ChildReply, ChildRequest, StreamCount } from './receivers.ts';

interface Stream {
  payloadType: number;
  packets: number;
  bytes: number;
  /** First sequence number seen, and the highest, extended past wrap-around. */
  first: number;
  highest: number;
}

interface Receiver {
  socket: Socket;
  streams: Map<number, Stream>;
  rtcp: number;
}

const receivers: Receiver[] = [];
const reply = (m: ChildReply) => process.send?.(m);

function open(ip: string, recvBufferSize: number): Promise<number> {
  const r: Receiver = { socket: createSocket({ type: 'udp4', recvBufferSize }), streams: new Map(), rtcp: 0 };
  r.socket.on('message', (msg) => {
    if (msg.length < 12) return;
    const b1 = msg[1] as number;
    if (b1 >= 192 && b1 <= 223) {
      r.rtcp++;
      return;
    }
    const ssrc = msg.readUInt32BE(8);
    const seq = msg.readUInt16BE(2);
    let s = r.streams.get(ssrc);
    if (!s) {
      s = { payloadType: b1 & 0x7f, packets: 0, bytes: 0, first: seq, highest: seq };
      r.streams.set(ssrc, s);
    } else {
      const delta = (seq - s.highest) & 0xffff;
      // Ahead by less than half the space: newer (gaps are losses); otherwise late or repeated.
      if (delta !== 0 && delta < 0x8000) s.highest += delta;
    }
    s.packets++;
    s.bytes += msg.length;
  });
  receivers.push(r);
  return new Promise((resolve, reject) => {
    r.socket.once('error', reject);
    r.socket.bind(0, ip, () => resolve(r.socket.address().port));
  });
}

process.on('message', async (m: ChildRequest) => {
  switch (m.type) {
    case 'open': {
      const ports: number[] = [];
      for (let i = 0; i < m.count; i++) ports.push(await open(m.ip, m.recvBufferSize));
      reply({ type: 'opened', id: m.id, ports });
      break;
    }
    case 'snapshot': {
      const sockets = receivers.map((r) => ({
        rtcp: r.rtcp,
        streams: [...r.streams].map(([ssrc, s]): StreamCount => ({
          ssrc, payloadType: s.payloadType, packets: s.packets, bytes: s.bytes, expected: s.highest - s.first + 1,
        })),
      }));
      reply({ type: 'snapshot', id: m.id, sockets });
      break;
    }
    case 'close':
      for (const r of receivers) r.socket.close();
      process.disconnect?.();
      break;
  }
});
// The parent going away (crash, Ctrl-C) must not leave receivers behind.
process.on('disconnect', () => process.exit(0));
