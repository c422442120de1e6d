export { LiveSocket } from './live-socket.ts';
