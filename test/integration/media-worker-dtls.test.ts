import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, X509Certificate } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, it, expect } from 'vitest';
import { createWorker } from 'mediasoup';
import { resolveWorkerBinary } from '../../src/media/worker-binary.ts';

// A worker built against Debian's OpenSSL segfaulted on the first DTLS
// ClientHello until scripts/mediasoup/patches/dtls-bio-callback.patch; a test
// without DTLS never shows it. Browsers are too heavy for this check, so
// `openssl s_client` plays the peer. mediasoup accepts DTLS only from an address
// that passed ICE, and s_client cannot send from our socket, so this test does
// the ICE check itself (one STUN binding request) and relays s_client's datagrams.

const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

/** RFC 8445 7.2.2 connectivity check, as a controlling agent nominating the pair. */
function stunBindingRequest(username: string, password: string): Buffer {
  const attribute = (type: number, value: Buffer) => {
    const header = Buffer.alloc(4);
    header.writeUInt16BE(type, 0);
    header.writeUInt16BE(value.length, 2);
    return Buffer.concat([header, value, Buffer.alloc((4 - (value.length % 4)) % 4)]);
  };
  const priority = Buffer.alloc(4);
  priority.writeUInt32BE(0x6e0001ff);
  let body = Buffer.concat([
    attribute(0x0006, Buffer.from(username)), // USERNAME
    attribute(0x0024, priority), // PRIORITY
    attribute(0x802a, randomBytes(8)), // ICE-CONTROLLING (tie-breaker)
    attribute(0x0025, Buffer.alloc(0)), // USE-CANDIDATE
  ]);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(0x0001, 0); // Binding request
  header.writeUInt32BE(0x2112a442, 4); // magic cookie
  randomBytes(12).copy(header, 8); // transaction id
  // RFC 5389 15.4/15.5: each of MESSAGE-INTEGRITY and FINGERPRINT covers the
  // message with the length field already counting that attribute.
  header.writeUInt16BE(body.length + 24, 2);
  const integrity = createHmac('sha1', password).update(Buffer.concat([header, body])).digest();
  body = Buffer.concat([body, attribute(0x0008, integrity)]);
  header.writeUInt16BE(body.length + 8, 2);
  const fingerprint = Buffer.alloc(4);
  fingerprint.writeUInt32BE((crc32(Buffer.concat([header, body])) ^ 0x5354554e) >>> 0);
  return Buffer.concat([header, body, attribute(0x8028, fingerprint)]);
}

async function udpSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return socket;
}

const timeout = (ms: number, what: string) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref());

describe.skipIf(!hasOpenssl)('mediasoup worker DTLS', () => {
  it('completes a DTLS 1.2 handshake with openssl s_client', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecabinet-dtls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    // mediasoup requires a client certificate and checks it against the fingerprint given to connect().
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', '/CN=ecabinet-dtls-test', '-days', '1', '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' });
    const clientCert = new X509Certificate(readFileSync(certFile));

    const worker = await createWorker({ workerBin: resolveWorkerBinary(), logLevel: 'warn' });
    const died = new Promise<never>((_, reject) =>
      worker.on('died', (error) => reject(new Error(`worker died during the handshake: ${error.message}`))),
    );
    const sockets: Socket[] = [];
    let sClient: ChildProcess | undefined;
    try {
      const router = await worker.createRouter({
        mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, channels: 2 }],
      });
      const transport = await router.createWebRtcTransport({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }] });
      const mediasoupPort = transport.iceCandidates[0]!.port;

      const ice = await udpSocket();
      sockets.push(ice);
      const iceDone = new Promise<void>((resolve) =>
        transport.on('icestatechange', (state) => (state === 'completed' || state === 'connected') && resolve()),
      );
      const { usernameFragment, password } = transport.iceParameters;
      ice.send(stunBindingRequest(`${usernameFragment}:ecabinet`, password), mediasoupPort, '127.0.0.1');
      await Promise.race([iceDone, died, timeout(5_000, 'ICE')]);

      // role 'client' is the peer's role: the worker is the DTLS server and waits for the ClientHello.
      await transport.connect({
        dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: clientCert.fingerprint256 }] },
      });

      const relay = await udpSocket();
      sockets.push(relay);
      let peer: RemoteInfo | undefined;
      relay.on('message', (message, from) => {
        peer = from;
        ice.send(message, mediasoupPort, '127.0.0.1');
      });
      ice.on('message', (message) => {
        // RFC 7983: first byte 20..63 is DTLS; the rest here is STUN answers.
        const first = message[0] ?? 0;
        if (peer && first >= 20 && first <= 63) relay.send(message, peer.port, peer.address);
      });

      const dtlsDone = new Promise<string>((resolve) =>
        transport.on('dtlsstatechange', (state) => (state === 'connected' || state === 'failed') && resolve(state)),
      );
      sClient = spawn('openssl', [
        's_client', '-dtls1_2', '-connect', `127.0.0.1:${relay.address().port}`,
        '-cert', certFile, '-key', keyFile, '-use_srtp', 'SRTP_AES128_CM_SHA1_80',
      ], { stdio: ['pipe', 'ignore', 'ignore'] }); // stdin stays open: s_client keeps the session

      expect(await Promise.race([dtlsDone, died, timeout(10_000, 'DTLS')])).toBe('connected');
      expect(new X509Certificate(transport.dtlsRemoteCert ?? '').fingerprint256).toBe(clientCert.fingerprint256);
      expect(worker.died).toBe(false);
    } finally {
      sClient?.kill();
      for (const socket of sockets) socket.close();
      worker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
