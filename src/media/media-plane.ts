// The media plane of this process: the mediasoup workers and the rooms on them, started with
// the app and closed with it.
import type { FastifyBaseLogger } from 'fastify';
import type { MediaConfig } from '../config.ts';
import { MediaWorkers } from './media-workers.ts';
import { Rooms } from './rooms.ts';

export interface MediaPlane {
  workers: MediaWorkers;
  rooms: Rooms;
  close(): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Workers and rooms, for the signalling layer, metrics and tests. */
    media: MediaPlane;
  }
}

export async function startMediaPlane(config: MediaConfig, log: FastifyBaseLogger): Promise<MediaPlane> {
  const workers = await MediaWorkers.create(config, log);
  const { workers: _n, listenIp: _ip, announcedAddress: _address, port: _port, ...limits } = config;
  const rooms = new Rooms(workers, limits, log);
  return {
    workers,
    rooms,
    close: () => {
      rooms.close();
      workers.close();
    },
  };
}
