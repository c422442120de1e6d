import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

/** Hooks the app calls (e.g. onFinalMinutes), for tests that watch them. */
export type ServerHooks = Parameters<typeof startServer>[1];
import { createScratchDatabase } from './database.ts';

export const DEMO_PASSWORD = 'demo1234';

export interface TestServer {
  url: string;
  server: RunningServer;
  config: Config;
  /** Stops the server and starts it again on the same data (database, DATA_DIR), on a new port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server on a fresh database (PGlite in a temp dir, or a scratch database on the
 * Postgres server when TEST_DATABASE_URL is set), seeded with the demo, on a free port.
 */
export async function startTestServer(env: Record<string, string> = {}, hooks: ServerHooks = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ecabinet-test-'));
  const scratch = await createScratchDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: scratch.url,
    SEED_DEMO: 'true',
    // Generating a PKI costs a second or two; the tests that need one turn it on.
    DEV_PKI: 'false',
    ECABINET_DEMO_PASSWORD: DEMO_PASSWORD,
    // One worker on loopback, on ports the OS picks: test files run in parallel.
    MEDIA_WORKERS: '1',
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const t: TestServer = {
    url: '',
    server: await startServer(config, hooks),
    config,
    restart: async () => {
      await t.server.close();
      t.server = await startServer(config, hooks);
      t.url = urlOf(t.server);
    },
    close: async () => {
      await t.server.close();
      await scratch.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  t.url = urlOf(t.server);
  return t;
}

function urlOf(server: RunningServer): string {
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${address.port}`;
}
