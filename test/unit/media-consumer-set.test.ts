// ConsumerSet with fake mediasoup objects (no worker): it keeps a viewer's consumers equal to
// what the big-meeting policy wants, moves a consumer between stage and thumbnail by its
// preferred layers (never a new consumer), and keeps the producers' demand counts in step.
import { EventEmitter } from 'node:events';
import type { Producer, Router, RtpCapabilities } from 'mediasoup/types';
import { describe, expect, it } from 'vitest';
import { ConsumerSet, type ProducerRecord } from '../../src/media/consumer-set.ts';
import { MediaError } from '../../src/media/media-error.ts';
import type { MediaWorker } from '../../src/media/media-workers.ts';
import { Peer } from '../../src/media/peer.ts';
import { RoomPolicy, STAGE_LAYER, THUMBNAIL_LAYER, THUMBNAIL_TEMPORAL_LAYER, type PolicySnapshot } from '../../src/media/policy.ts';
import { ProducerDemand } from '../../src/media/producer-demand.ts';
import type { Layers, MediaSource, PeerEvent } from '../../src/media/types.ts';

let ids = 0;

/** The few members of a mediasoup Consumer that ConsumerSet uses. */
class FakeConsumer extends EventEmitter {
  readonly id = `consumer-${++ids}`;
  readonly kind: 'audio' | 'video';
  readonly type: 'simple' | 'simulcast';
  readonly producerId: string;
  readonly rtpParameters = { codecs: [] };
  producerPaused = false;
  paused = true;
  closed = false;
  /** Every setPreferredLayers call, in order; the last is what the worker forwards. */
  readonly layers: Layers[] = [];

  constructor(producer: FakeProducer, preferredLayers: Layers | undefined) {
    super();
    this.producerId = producer.id;
    this.kind = producer.kind;
    this.type = producer.type;
    if (preferredLayers) this.layers.push(preferredLayers);
  }

  async setPreferredLayers(layers: Layers): Promise<void> {
    this.layers.push(layers);
  }

  async resume(): Promise<void> {
    this.paused = false;
  }

  close(): void {
    this.closed = true;
  }
}

class FakeProducer {
  readonly id: string;
  readonly kind: 'audio' | 'video';
  readonly type: 'simple' | 'simulcast';
  closed = false;

  constructor(id: string, kind: 'audio' | 'video') {
    this.id = id;
    this.kind = kind;
    this.type = kind === 'video' ? 'simulcast' : 'simple';
  }
}

class FakeRecvTransport {
  readonly appData = { direction: 'recv' };
  closed = false;
  readonly made: FakeConsumer[] = [];
  /** Resolves consume() only when released, to interleave a change with a pending consume. */
  gate: Promise<void> | undefined;

  readonly producers: Map<string, FakeProducer>;

  constructor(producers: Map<string, FakeProducer>) {
    this.producers = producers;
  }

  async consume(o: { producerId: string; paused: boolean; preferredLayers?: Layers }): Promise<FakeConsumer> {
    await this.gate;
    const producer = this.producers.get(o.producerId);
    if (!producer) throw new Error(`no producer ${o.producerId}`);
    const consumer = new FakeConsumer(producer, o.preferredLayers);
    this.made.push(consumer);
    return consumer;
  }

  close(): void {
    this.closed = true;
  }
}

/** A meeting of sites u0 (the chair), u1, u2…, each with a camera `cam<n>` and a microphone `mic<n>`. */
function meeting(sites: number) {
  const worker = { consumers: 0 } as MediaWorker;
  const router = { canConsume: () => true } as unknown as Router;
  const producers = new Map<string, FakeProducer>();
  const owners = new Map<string, Peer>();
  const events = new Map<string, PeerEvent[]>();
  const peer = (userId: string) =>
    new Peer({
      profile: { userId, username: userId, fullName: userId, title: null, unit: { id: 'unit', code: 'U', name: 'Unit' } },
      device: null,
      isChair: userId === 'u0',
      rtpCapabilities: {} as RtpCapabilities,
      notify: (e) => events.set(userId, [...(events.get(userId) ?? []), e]),
      home: { worker, router },
      seq: 0,
    });
  for (let n = 0; n < sites; n++) {
    const owner = peer(`u${n}`);
    for (const [source, kind] of [
      ['camera', 'video'],
      ['mic', 'audio'],
    ] as const) {
      const p = new FakeProducer(`${source === 'camera' ? 'cam' : 'mic'}${n}`, kind);
      producers.set(p.id, p);
      owners.set(p.id, owner);
    }
  }
  const snapshot: PolicySnapshot = {
    participants: Array.from({ length: sites }, (_, n) => ({ userId: `u${n}`, camera: `cam${n}`, mic: `mic${n}` })),
    chairId: 'u0',
    stageUserId: null,
    recentSpeakers: [],
    audibleSpeakers: 4,
    thumbnailsPerPage: 6,
  };
  const demand = new ProducerDemand(() => {});
  const warnings: unknown[] = [];
  const set = new ConsumerSet({
    policy: () => new RoomPolicy(snapshot),
    producer: (id): ProducerRecord | undefined => {
      const p = producers.get(id);
      const owner = owners.get(id);
      return p && owner ? { producer: p as unknown as Producer, peer: owner, source: (p.kind === 'video' ? 'camera' : 'mic') satisfies MediaSource } : undefined;
    },
    ensureOn: async () => {},
    demand,
    log: { warn: (obj) => warnings.push(obj) },
  });
  /** A viewer with a receive transport, its consumers reconciled once. */
  const viewer = async (userId: string) => {
    const p = peer(userId);
    const recv = new FakeRecvTransport(producers);
    p.transports.set('recv', recv as never);
    set.schedule(p);
    await settled(p);
    return { peer: p, recv };
  };
  return { snapshot, producers, set, demand, worker, events, warnings, viewer };
}

/** Until the peer's reconciliation (and any repeat it scheduled) has run. */
async function settled(peer: Peer): Promise<void> {
  for (let i = 0; i < 100 && (peer.reconciling || peer.dirty); i++) await new Promise((r) => setImmediate(r));
  expect(peer.reconciling).toBe(false);
}

const consumerOf = (peer: Peer, producerId: string) => peer.consumers.get(producerId)?.consumer as unknown as FakeConsumer | undefined;
const lastLayers = (c: FakeConsumer | undefined) => c?.layers.at(-1);

describe('ConsumerSet', () => {
  it('creates, paused, the consumers the policy wants: the stage at the top layer, thumbnails at the lowest, the audible microphones', async () => {
    const m = meeting(3);
    const { peer, recv } = await m.viewer('u2');
    expect([...peer.consumers.keys()].sort()).toEqual(['cam0', 'cam1', 'mic0', 'mic1']);
    expect(recv.made.every((c) => c.paused)).toBe(true);
    expect(lastLayers(consumerOf(peer, 'cam0'))).toEqual({ spatialLayer: STAGE_LAYER });
    expect(lastLayers(consumerOf(peer, 'cam1'))).toEqual({ spatialLayer: THUMBNAIL_LAYER, temporalLayer: THUMBNAIL_TEMPORAL_LAYER });
    expect(m.worker.consumers).toBe(4);
    expect(m.demand.top('cam0')).toBe(STAGE_LAYER);
    expect(m.demand.top('cam1')).toBe(THUMBNAIL_LAYER);
    const added = (m.events.get('u2') ?? []).flatMap((e) => (e.type === 'consumer-added' ? [`${e.consumer.producerId}:${e.consumer.role}:${e.consumer.userId}`] : []));
    expect(added.sort()).toEqual(['cam0:stage:u0', 'cam1:thumbnail:u1', 'mic0:audio:u0', 'mic1:audio:u1']);
  });

  it('moves the old stage to a thumbnail and the new floor holder to the stage, on the same consumers', async () => {
    const m = meeting(3);
    const { peer, recv } = await m.viewer('u2');
    const chairCamera = consumerOf(peer, 'cam0');
    const u1Camera = consumerOf(peer, 'cam1');

    m.snapshot.stageUserId = 'u1';
    m.set.schedule(peer);
    await settled(peer);

    expect(recv.made).toHaveLength(4); // no new consumer: the picture never blinks
    expect(consumerOf(peer, 'cam0')).toBe(chairCamera);
    expect(consumerOf(peer, 'cam1')).toBe(u1Camera);
    expect(lastLayers(u1Camera)).toEqual({ spatialLayer: STAGE_LAYER });
    expect(lastLayers(chairCamera)).toEqual({ spatialLayer: THUMBNAIL_LAYER, temporalLayer: THUMBNAIL_TEMPORAL_LAYER });
    expect(peer.consumers.get('cam0')?.role).toBe('thumbnail');
    expect(peer.consumers.get('cam1')?.role).toBe('stage');
    // Senders are told what is now received of their cameras.
    expect(m.demand.top('cam1')).toBe(STAGE_LAYER);
    expect(m.demand.top('cam0')).toBe(THUMBNAIL_LAYER);
    const changed = (m.events.get('u2') ?? []).flatMap((e) => (e.type === 'consumer-role-changed' ? [[e.consumerId, e.role]] : []));
    expect(changed).toEqual(expect.arrayContaining([[u1Camera?.id, 'stage'], [chairCamera?.id, 'thumbnail']]));
    expect(changed).toHaveLength(2);
  });

  it('closes the consumers of a participant who left, and counts them out of the worker and the demand', async () => {
    const m = meeting(3);
    const { peer } = await m.viewer('u2');
    const gone = [consumerOf(peer, 'cam1'), consumerOf(peer, 'mic1')];

    m.snapshot.participants = m.snapshot.participants.filter((p) => p.userId !== 'u1');
    m.set.schedule(peer);
    await settled(peer);

    expect([...peer.consumers.keys()].sort()).toEqual(['cam0', 'mic0']);
    expect(gone.every((c) => c?.closed)).toBe(true);
    expect(m.worker.consumers).toBe(2);
    expect(m.demand.top('cam1')).toBeNull();
    const closed = (m.events.get('u2') ?? []).flatMap((e) => (e.type === 'consumer-closed' ? [e.consumerId] : []));
    expect(closed.sort()).toEqual(gone.map((c) => c?.id).sort());
  });

  it('forgets a consumer whose producer closed', async () => {
    const m = meeting(2);
    const { peer } = await m.viewer('u1');
    const camera = consumerOf(peer, 'cam0');
    camera?.emit('producerclose');
    expect(peer.consumers.has('cam0')).toBe(false);
    expect(m.worker.consumers).toBe(1);
    expect(m.demand.top('cam0')).toBeNull();
    expect(m.events.get('u1')).toContainEqual({ type: 'consumer-closed', consumerId: camera?.id });
  });

  it('keeps a client’s lower ceiling across a move, under the policy’s layer', async () => {
    const m = meeting(3);
    const { peer } = await m.viewer('u2');
    const chairCamera = consumerOf(peer, 'cam0');
    if (!chairCamera) throw new Error('no stage consumer');

    await m.set.limitLayers(peer, chairCamera.id, 1);
    expect(lastLayers(chairCamera)).toEqual({ spatialLayer: 1 });
    expect(m.demand.top('cam0')).toBe(1);

    m.snapshot.stageUserId = 'u1';
    m.set.schedule(peer);
    await settled(peer);
    expect(lastLayers(chairCamera)).toEqual({ spatialLayer: THUMBNAIL_LAYER, temporalLayer: THUMBNAIL_TEMPORAL_LAYER });

    m.snapshot.stageUserId = null;
    m.set.schedule(peer);
    await settled(peer);
    expect(lastLayers(chairCamera)).toEqual({ spatialLayer: 1 });

    await expect(m.set.limitLayers(peer, 'no-such-consumer', 0)).rejects.toBeInstanceOf(MediaError);
    await expect(m.set.resume(peer, chairCamera.id)).resolves.toBeUndefined();
    expect(chairCamera.paused).toBe(false);
  });

  it('drops a consumer made for a peer that closed while mediasoup was making it', async () => {
    const m = meeting(3);
    const everyone = m.snapshot.participants;
    m.snapshot.participants = everyone.slice(0, 2);
    const { peer, recv } = await m.viewer('u1');
    expect(peer.consumers.size).toBe(2);

    let release = () => {};
    recv.gate = new Promise<void>((r) => (release = r));
    m.snapshot.participants = everyone; // u2 arrives: its camera and microphone are wanted
    m.set.schedule(peer);
    await new Promise((r) => setImmediate(r));
    peer.close();
    release();
    await settled(peer);

    const late = recv.made.filter((c) => c.producerId === 'cam2' || c.producerId === 'mic2');
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((c) => c.closed)).toBe(true);
    expect(peer.consumers.has('cam2') || peer.consumers.has('mic2')).toBe(false);
    expect(m.worker.consumers).toBe(2);
  });
});
