import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevPki, type DevPkiIndex } from '../../src/pki/index.ts';
import { readPkcs12 } from '../../src/signing/signers/index.ts';
import { createTimestampAuthority, createTimestampClient, parseTimeStampToken, verifyTimeStampToken, type TimestampAuthority } from '../../src/signing/timestamp/index.ts';
import { openssl, PIN, TEST_DEMO } from '../helpers/signing-pki.ts';

// Our TSA answering `openssl ts -query` requests, checked by `openssl ts -verify`; and our client
// talking HTTP to it, the way it will talk to a commercial TSA.

let dir: string;
let index: DevPkiIndex;
let tsa: TimestampAuthority;
let server: Server;
let baseUrl: string;
let mode: 'ok' | 'html' | 'error' | 'slow' = 'ok';

const inDir = (f: string): string => join(dir, f);

async function query(name: string, args: string[]): Promise<void> {
  const q = await openssl(['ts', '-query', '-data', inDir('data.bin'), ...args, '-out', inDir(`${name}.tsq`)]);
  expect(q.code).toBe(0);
  await writeFile(inDir(`${name}.tsr`), await tsa.respond(await readFile(inDir(`${name}.tsq`))));
}

describe('development TSA and client with openssl ts', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-tsa-'));
    index = await createDevPki({ dir, demo: TEST_DEMO });
    const key = readPkcs12(await readFile(inDir('tsa/tsa.p12')), PIN);
    tsa = createTimestampAuthority({ ...key, policyOid: index.tsaPolicyOid });
    await writeFile(inDir('data.bin'), randomBytes(10_000));

    // A stand-in for the HTTP route (RFC 3161 §3.4), written by someone else in the server.
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (mode === 'slow') return; // never answers
        if (mode === 'error') return void res.writeHead(500).end('boom');
        if (mode === 'html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
        if (req.headers['content-type'] !== 'application/timestamp-query') return void res.writeHead(415).end();
        void tsa.respond(Buffer.concat(chunks)).then((body) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  }, 60_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('answers openssl ts -query (SHA-256, certReq) and openssl ts -verify accepts it', async () => {
    await query('a', ['-sha256', '-cert']);
    const text = await openssl(['ts', '-reply', '-in', inDir('a.tsr'), '-text']);
    expect(text.stdout).toContain('Status: Granted.');
    expect(text.stdout).toContain(`Policy OID: ${index.tsaPolicyOid}`);
    for (const against of [['-queryfile', inDir('a.tsq')], ['-data', inDir('data.bin')]]) {
      const v = await openssl(['ts', '-verify', '-in', inDir('a.tsr'), ...against, '-CAfile', inDir('root-ca.pem'), '-untrusted', inDir('ca-chain.pem')]);
      expect(v.stdout).toContain('Verification: OK');
    }
  });

  it('answers without certificates when not asked, and openssl verifies with the TSA certificate given', async () => {
    await query('b', ['-sha512', '-no_nonce']);
    const none = await openssl(['ts', '-verify', '-in', inDir('b.tsr'), '-queryfile', inDir('b.tsq'), '-CAfile', inDir('root-ca.pem'), '-untrusted', inDir('ca-chain.pem')]);
    expect(none.stdout).not.toContain('Verification: OK');
    await writeFile(inDir('untrusted.pem'), (await readFile(inDir('tsa/tsa.pem'), 'utf8')) + (await readFile(inDir('ca-chain.pem'), 'utf8')));
    const v = await openssl(['ts', '-verify', '-in', inDir('b.tsr'), '-queryfile', inDir('b.tsq'), '-CAfile', inDir('root-ca.pem'), '-untrusted', inDir('untrusted.pem')]);
    expect(v.stdout).toContain('Verification: OK');
  });

  it('rejects a SHA-1 query with badAlg, which openssl reports', async () => {
    await query('c', ['-sha1', '-cert']);
    const text = await openssl(['ts', '-reply', '-in', inDir('c.tsr'), '-text']);
    expect(text.stdout).toContain('Status: Rejected.');
    expect(text.stdout).toMatch(/unrecognized or unsupported algorithm/i);
  });

  it('gets a token over HTTP that openssl verifies against the data', async () => {
    mode = 'ok';
    const data = await readFile(inDir('data.bin'));
    const token = await createTimestampClient({ url: baseUrl })(data);
    expect(verifyTimeStampToken(parseTimeStampToken(token), data).problems).toEqual([]);
    await writeFile(inDir('token.der'), token);
    const v = await openssl(['ts', '-verify', '-token_in', '-in', inDir('token.der'), '-data', inDir('data.bin'), '-CAfile', inDir('root-ca.pem'), '-untrusted', inDir('ca-chain.pem')]);
    expect(v.stdout).toContain('Verification: OK');
  });

  it('fails with signing.tsa_failed naming the URL for HTTP errors, wrong content types and timeouts', async () => {
    const data = Buffer.from('x');
    for (const [m, message] of [
      ['error', /HTTP 500/],
      ['html', /content type "text\/html"/],
      ['slow', /no answer within 300 ms/],
    ] as const) {
      mode = m;
      await expect(createTimestampClient({ url: baseUrl, timeoutMs: 300 })(data)).rejects.toMatchObject({
        code: 'signing.tsa_failed',
        message: expect.stringMatching(new RegExp(`^timestamp authority ${baseUrl}: .*${message.source}`)),
      });
    }
    mode = 'ok';
    await expect(createTimestampClient({ url: 'http://127.0.0.1:9/tsa' })(data)).rejects.toMatchObject({
      code: 'signing.tsa_failed',
      message: expect.stringMatching(/could not be reached/),
    });
  });
});
