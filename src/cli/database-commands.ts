import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { migrate, openDatabase, type Database } from '../db/index.ts';
import { seedDemo } from '../seed/index.ts';
import { UsageError } from './cli-error.ts';

async function withDatabase(work: (database: Database) => Promise<void>): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    await migrate(database);
    await work(database);
  } finally {
    await database.close();
  }
}

export async function migrateCommand(): Promise<number> {
  await withDatabase(async (database) => console.log(`migrations applied (${database.kind})`));
  return 0;
}

export async function seedCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { demo: { type: 'boolean', default: false } } });
  if (!values.demo) throw new UsageError('only --demo is available; production data comes through the API');
  const { demoPassword } = loadConfig();
  await withDatabase(async (database) => {
    const result = await seedDemo(database.db, { password: demoPassword });
    console.log(
      result.seeded
        ? `demo seeded: ${result.units} units, ${result.users} accounts (password from ECABINET_DEMO_PASSWORD)`
        : 'demo already present; nothing written',
    );
  });
  return 0;
}
