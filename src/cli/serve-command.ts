import { loadConfig } from '../config.ts';
import { startServer } from '../server.ts';

/** Runs until SIGTERM/SIGINT, then closes gracefully; resolves with the exit code. */
export async function serveCommand(): Promise<number> {
  const config = loadConfig();
  const server = await startServer(config);
  const { app } = server;
  app.log.info({ url: config.publicUrl, database: server.database.kind, devPki: config.devPkiDir }, 'ecabinet is listening');
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      // A stuck connection must not keep a stopping server alive forever.
      const force = setTimeout(() => {
        app.log.error('graceful shutdown took over 15 s; exiting');
        resolve(1);
      }, 15_000).unref();
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
