export { LiveRequestError, LiveSocket } from './live-socket.ts';
