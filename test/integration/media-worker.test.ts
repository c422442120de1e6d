import { once } from 'node:events';
import { describe, it, expect } from 'vitest';
import { createWorker, type types } from 'mediasoup';
import { resolveWorkerBinary } from '../../src/media/worker-binary.ts';

// Runs the worker binary the app would run (MEDIASOUP_WORKER_BIN, the Debian
// build from postinstall, or mediasoup's own), so a binary that cannot start,
// cannot answer requests or cannot open sockets fails here.

const mediaCodecs: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90_000 },
];

const newWorker = () => createWorker({ workerBin: resolveWorkerBinary(), logLevel: 'warn' });

describe('mediasoup worker binary', () => {
  it('runs a router, a WebRtcServer and a WebRtcTransport on 127.0.0.1, then closes cleanly', async () => {
    const worker = await newWorker();
    expect(worker.pid).toBeGreaterThan(0);
    expect(worker.died).toBe(false);
    expect(worker.closed).toBe(false);
    expect((await worker.getResourceUsage()).ru_maxrss).toBeGreaterThan(0);

    const router = await worker.createRouter({ mediaCodecs });
    const codecs = router.rtpCapabilities.codecs ?? [];
    expect(codecs.map((c) => c.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/rtx']));

    // port 0: let the worker pick free ports, so parallel runs do not collide.
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ip: '127.0.0.1', port: 0 },
        { protocol: 'tcp', ip: '127.0.0.1', port: 0 },
      ],
    });
    const serverDump = await webRtcServer.dump();
    expect(serverDump.udpSockets[0]?.port).toBeGreaterThan(0);
    expect(serverDump.tcpServers[0]?.port).toBeGreaterThan(0);

    const transport = await router.createWebRtcTransport({ webRtcServer, enableUdp: true, enableTcp: true });
    expect(transport.iceState).toBe('new');
    expect(transport.dtlsState).toBe('new');
    expect(transport.iceParameters.usernameFragment).not.toBe('');
    expect(transport.iceParameters.password).not.toBe('');
    expect(transport.dtlsParameters.fingerprints.map((f) => f.algorithm)).toContain('sha-256');
    expect(transport.iceCandidates.map((c) => [c.protocol, c.address, c.port])).toEqual(
      expect.arrayContaining([
        ['udp', '127.0.0.1', serverDump.udpSockets[0]?.port],
        ['tcp', '127.0.0.1', serverDump.tcpServers[0]?.port],
      ]),
    );
    expect((await transport.getStats())[0]?.type).toBe('webrtc-transport');

    // A transport with its own sockets exercises the worker's port manager too.
    const ownPorts = await router.createWebRtcTransport({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }] });
    expect(ownPorts.iceCandidates[0]?.port).toBeGreaterThan(0);

    const exited = once(worker, 'subprocessclose');
    transport.close();
    ownPorts.close();
    webRtcServer.close();
    router.close();
    expect([transport.closed, webRtcServer.closed, router.closed]).toEqual([true, true, true]);
    worker.close();
    await exited;
    expect(worker.closed).toBe(true);
    expect(worker.died).toBe(false);
  });

  it('reports a worker that dies as died and closed', async () => {
    const worker = await newWorker();
    const router = await worker.createRouter({ mediaCodecs });
    const died = once(worker, 'died');
    process.kill(worker.pid, 'SIGKILL');
    const [error] = (await died) as [Error];
    expect(error).toBeInstanceOf(Error);
    expect(worker.died).toBe(true);
    expect(worker.closed).toBe(true);
    expect(router.closed).toBe(true);
  });
});
