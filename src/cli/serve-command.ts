import { loadConfig } from '../config.ts';
import { DRAIN_MS, startServer } from '../server.ts';
import { missingServerNodeFlags } from '../server-node-flags.ts';

const STUCK_MS = DRAIN_MS + 5_000;

/** Runs until SIGTERM/SIGINT, then closes gracefully; resolves with the exit code. */
export async function serveCommand(): Promise<number> {
  const config = loadConfig();
  const server = await startServer(config);
  const { app } = server;
  app.log.info({ url: config.publicUrl, database: server.database.kind, devPki: config.devPkiDir }, 'ecabinet is listening');
  const missing = missingServerNodeFlags();
  if (missing.length > 0) app.log.warn({ missing }, 'node was started without the server\'s flags (use `npm start` or `ecabinet serve`): the event loop may stall after idle periods');
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      // close() cuts slow connections after DRAIN_MS; this is the last resort if something else
      // (the database, a media worker) never lets go.
      const force = setTimeout(() => {
        app.log.error({ ms: STUCK_MS }, 'shutdown did not finish; exiting');
        resolve(1);
      }, STUCK_MS).unref();
      server.close().then(
        () => {
          clearTimeout(force);
          resolve(0);
        },
        (err: unknown) => {
          app.log.error({ err }, 'error while shutting down');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
