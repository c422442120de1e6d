import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo } from './seed/demo.ts';
import { startServer } from './server.ts';

const USAGE = `Usage: ecabinet <command> [options]

Commands:
  serve            start the server (migrates; seeds the demo into an empty embedded database)
  migrate          apply database migrations and exit
  seed [--demo]    write the demo unit tree and accounts (idempotent) and exit
  help             show this help

Configuration comes from environment variables; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate': {
      const database = await openDatabase(loadConfig());
      try {
        await migrate(database);
        console.log(`migrations applied (${database.kind})`);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean', default: false } } });
      if (!values.demo) {
        console.error('ecabinet seed: only --demo is available; production data comes through the API.');
        return 2;
      }
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        await migrate(database);
        const result = await seedDemo(database.db, { password: config.demoPassword });
        console.log(
          result.seeded
            ? `demo seeded: ${result.units} units, ${result.users} accounts (password from ECABINET_DEMO_PASSWORD)`
            : 'demo already present; nothing written',
        );
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`ecabinet: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function serve(): Promise<number> {
  const config = loadConfig();
  const server = await startServer(config);
  const { app } = server;
  app.log.info({ url: config.publicUrl, database: server.database.kind }, 'ecabinet is listening');
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

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error('ecabinet:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
