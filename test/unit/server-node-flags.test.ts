import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingServerNodeFlags, SERVER_NODE_FLAGS } from '../../src/server-node-flags.ts';

const root = new URL('../../', import.meta.url);
const text = (path: string) => readFileSync(new URL(path, root), 'utf8');
const scripts = (JSON.parse(text('package.json')) as { scripts: Record<string, string> }).scripts;

// V8 takes these flags only on the command line, so every way of starting the server must write them.
describe('the server process is started with its V8 flags', () => {
  it.each([
    ['npm start', () => scripts.start ?? ''],
    ['ecabinet serve (bin/ecabinet.js, also the Docker image)', () => text('bin/ecabinet.js').split('\n')[0] ?? ''],
    ['the batch-signing benchmark', () => scripts['bench:batch-sign'] ?? ''],
  ])('%s', (_name, launch) => {
    const line = launch();
    for (const flag of SERVER_NODE_FLAGS) expect(line.split(/\s+/)).toContain(flag);
  });

  it('names the flags a process was started without', () => {
    expect(missingServerNodeFlags(['--expose-gc'])).toEqual([...SERVER_NODE_FLAGS]);
    expect(missingServerNodeFlags(['--expose-gc', ...SERVER_NODE_FLAGS])).toEqual([]);
  });
});
