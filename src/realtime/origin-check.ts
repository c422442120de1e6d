// Which pages may open a signalling connection. A browser sends Origin with every WebSocket
// handshake and every cross-origin request, and the session cookie rides along: without this
// check any site a signed-in official visits could open the meeting's signalling as them
// (cross-site WebSocket hijacking). Allowed: PUBLIC_URL's origin, and the server's own host
// whatever address it was reached at (a LAN IP, a second DNS name), which a foreign page cannot
// fake since a browser sets both Origin and Host. A handshake without Origin is not a browser's
// (the test clients, benchmarks, a native app) and carries no ambient credentials a site could
// borrow, so it is let through to the session check like any other.
import type { IncomingMessage } from 'node:http';

export const ORIGIN_REFUSED = 'realtime.origin_not_allowed';

export function isAllowedOrigin(request: Pick<IncomingMessage, 'headers'>, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === publicOrigin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
  return host !== '' && host === request.headers.host;
}
