// The floor queue (issue 10.7): one FIFO queue per meeting in Postgres, grant / revoke / next by
// the chair, the floor log. Moving the stage and the mutes is part of the same transaction;
// mirroring them onto the media room and pushing is realtime's.
export { changeFloor, type FloorChange } from './change-floor.ts';
export { endFloor } from './end-floor.ts';
export type { FloorAction } from './floor-rules.ts';
export { currentHolder, floorLog, floorState } from './floor-state.ts';
