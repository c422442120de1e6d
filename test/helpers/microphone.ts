// A microphone without a browser, for the media plane's tests: an opus producer made through a
// meeting Room on a PlainTransport, sending 20 ms packets with RFC 6464 audio levels — speech
// while talking, opus DTX (one packet per 400 ms, level 127) while silent — so the room's
// ActiveSpeakerObserver has something real to listen to. The audio bytes are not opus.
import { createSocket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { rtpPacket } from '../../bench/lib/rtp.ts';
import { AUDIO_LEVEL_ID, AUDIO_LEVEL_URI, AUDIO_PT, DTX_EVERY, DTX_FRAME, senderTransportOptions, SPEECH } from '../../bench/lib/sender.ts';
import type { Peer, Room } from '../../src/media/index.ts';

export interface Microphone {
  talk(on: boolean): void;
  stop(): void;
}

const FRAME = Buffer.alloc(80, 0x55);

export async function startMicrophone(room: Room, peer: Peer): Promise<Microphone> {
  const transport = await peer.router.createPlainTransport(senderTransportOptions());
  room.attachTransport(peer, transport, 'send');
  const ssrc = randomInt(1, 2 ** 31);
  await room.produce(peer, {
    transportId: transport.id,
    kind: 'audio',
    source: 'mic',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2, rtcpFeedback: [] }],
      encodings: [{ ssrc }],
      headerExtensions: [{ uri: AUDIO_LEVEL_URI, id: AUDIO_LEVEL_ID }],
    },
  });
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => socket.connect(transport.tuple.localPort, '127.0.0.1', resolve));
  let talking = false;
  let n = 0;
  const timer = setInterval(() => {
    n++;
    const header = { payloadType: AUDIO_PT, marker: false, sequenceNumber: n, timestamp: n * 960, ssrc };
    if (talking) socket.send(rtpPacket({ ...header, audioLevel: { id: AUDIO_LEVEL_ID, level: SPEECH[n % SPEECH.length] as number, voice: true } }, FRAME));
    else if (n % DTX_EVERY === 0) socket.send(rtpPacket({ ...header, audioLevel: { id: AUDIO_LEVEL_ID, level: 127, voice: false } }, DTX_FRAME));
  }, 20);
  return {
    talk(on) {
      talking = on;
    },
    stop() {
      clearInterval(timer);
      socket.close();
      transport.close();
    },
  };
}
