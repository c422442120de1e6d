// The reference for the upload benchmark: a bare Node HTTP server (no framework, no multipart
// parsing, no hashing, no PDF check, no database) that takes a POST body as it comes. `stream`
// pipes it to a file, the least any server that keeps the bytes must do; `buffer` holds the
// whole body in memory before writing it, what the document store must not do. Run as a child
// process: node reference-server.ts <stream|buffer> <dir>; prints its port on stdout.
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';

const [mode, dir] = process.argv.slice(2);
if ((mode !== 'stream' && mode !== 'buffer') || !dir) throw new Error('usage: reference-server.ts <stream|buffer> <dir>');
let n = 0;
// The same memory figures the application's /metrics gives, for the same sampling.
let gcs = 0;
new PerformanceObserver((list) => (gcs += list.getEntries().length)).observe({ entryTypes: ['gc'] });

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/memory') {
    const { heapUsed, external } = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ heapUsed, external, gcs }));
    return;
  }
  const path = join(dir, `upload-${++n}.bin`);
  const done = (size: number) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ size }));
  };
  if (mode === 'stream') {
    let size = 0;
    req.on('data', (c: Buffer) => (size += c.length));
    pipeline(req, createWriteStream(path, { flush: true })).then(
      () => done(size),
      () => res.destroy(),
    );
  } else {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      writeFile(path, body, { flush: true }).then(
        () => done(body.length),
        () => res.destroy(),
      );
    });
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
