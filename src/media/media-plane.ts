// The media plane of this process: the mediasoup workers and the rooms on them, started with
// the app and closed with it.
import { MediaWorkers, type WorkersConfig } from './media-workers.ts';
import type { RoomLimits } from './room.ts';
import { Rooms } from './rooms.ts';
import type { MediaLog } from './types.ts';

export type MediaConfig = WorkersConfig & RoomLimits;

/** Figures for monitoring, read when asked (no timers). */
export interface MediaLoad {
  /** Workers running (a dead one is being replaced). */
  workers: number;
  rooms: number;
  /** Consumers per worker (the load figure rooms are placed by), by worker index. */
  consumers: { worker: number; consumers: number }[];
}

export interface MediaPlane {
  workers: MediaWorkers;
  rooms: Rooms;
  load(): MediaLoad;
  close(): void;
}

export async function startMediaPlane(config: MediaConfig, log: MediaLog): Promise<MediaPlane> {
  const { workers: _n, listenIp: _ip, announcedAddress: _address, port: _port, ...limits } = config;
  const workers = await MediaWorkers.create(config, log);
  const rooms = new Rooms(workers, limits, log);
  return {
    workers,
    rooms,
    load: () => ({
      workers: workers.all.filter((w) => !w.worker.closed).length,
      rooms: rooms.count,
      consumers: workers.all.map((w) => ({ worker: w.index, consumers: w.consumers })),
    }),
    close: () => {
      rooms.close();
      workers.close();
    },
  };
}
