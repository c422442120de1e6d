import { connect } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { problemPlugin } from '../../src/errors/index.ts';
import { drainingPlugin } from '../../src/http/index.ts';

// A request that arrives while the server stops (the next one on a keep-alive connection that was
// busy when stopping began) is answered 503 problem+json and told to go elsewhere.

const until = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a stopping server', () => {
  it('answers the request in flight, then 503 problem+json with Connection: close to the next one', async () => {
    const app = Fastify({ return503OnClosing: false });
    await app.register(problemPlugin);
    await app.register(drainingPlugin);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    app.get('/slow', async () => {
      await released;
      return { done: true };
    });
    app.get('/fast', async () => ({ fast: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };

    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d: Buffer) => (data += d.toString('utf8')));
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(100);
    const closed = app.close();
    await until(50);
    release();
    await until(100);
    socket.write('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(300);
    socket.destroy();
    await closed;

    const [first, second] = data.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    expect(first).toContain('{"done":true}');
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(second).toMatch(/content-type: application\/problem\+json/i);
    expect(second).toMatch(/connection: close/i);
    expect(second).toContain('"code":"service_unavailable"');
  });
});
