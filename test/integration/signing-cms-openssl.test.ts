import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevPki, type DevPkiIndex } from '../../src/pki/index.ts';
import { buildSignedData } from '../../src/signing/cms/index.ts';
import { loadPkcs12Signer, readPkcs12 } from '../../src/signing/signers/index.ts';
import { createTimestampAuthority, createTimestampClient } from '../../src/signing/timestamp/index.ts';
import { openssl, PIN, TEST_DEMO } from '../helpers/signing-pki.ts';

// Our SignedData checked by a verifier we did not write: `openssl cms -verify` over the content
// whose SHA-256 we signed, as a PDF verifier does with the /ByteRange bytes.

let dir: string;
let index: DevPkiIndex;
let stamp: (data: Uint8Array) => Promise<Uint8Array>;

describe('CMS SignedData verified by openssl cms', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-cms-'));
    index = await createDevPki({ dir, demo: TEST_DEMO });
    const tsaKey = readPkcs12(await readFile(join(dir, 'tsa/tsa.p12')), PIN);
    const tsa = createTimestampAuthority({ ...tsaKey, policyOid: index.tsaPolicyOid });
    stamp = createTimestampClient({
      url: 'http://tsa.test/',
      fetch: async (_url, init) =>
        new Response(new Uint8Array(await tsa.respond(new Uint8Array(init?.body as Uint8Array))), {
          headers: { 'content-type': 'application/timestamp-reply' },
        }),
    });
    await writeFile(join(dir, 'data.bin'), randomBytes(100_000));
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases = [
    ['RSA-2048', 'people/city.leader.p12'],
    ['RSA-3072', 'test/rsa-3072.p12'],
    ['ECDSA P-256', 'test/ecdsa-p256.p12'],
  ] as const;
  for (const [label, p12] of cases) {
    for (const withTimestamp of [false, true]) {
      it(`${label}${withTimestamp ? ' with a timestamp token' : ''}`, async () => {
        const signer = await loadPkcs12Signer(await readFile(join(dir, p12)), PIN);
        const data = await readFile(join(dir, 'data.bin'));
        const digest = createHash('sha256').update(data).digest();
        const sig = join(dir, `sig-${label}-${withTimestamp}.der`);
        await writeFile(sig, await buildSignedData({ digest, signer, timestamp: withTimestamp ? stamp : undefined }));

        const verify = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', join(dir, 'data.bin'), '-CAfile', join(dir, 'root-ca.pem'), '-purpose', 'any', '-out', '/dev/null']);
        expect(verify.stderr).toContain('Verification successful');
        expect(verify.code).toBe(0);

        const print = await openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sig]);
        expect(print.code).toBe(0);
        const signedAttrs = print.stdout.slice(print.stdout.indexOf('signedAttrs:'), print.stdout.indexOf('signatureAlgorithm:', print.stdout.indexOf('signedAttrs:')));
        expect(signedAttrs).toContain('id-smime-aa-signingCertificateV2');
        expect(signedAttrs).not.toContain('<EMPTY>');
        expect(signedAttrs).not.toContain('signingTime');
        // ESSCertIDv2.certHash, the SHA-256 of the signer's certificate, as openssl dumps it.
        const certHash = createHash('sha256').update(signer.certificate).digest('hex').toUpperCase();
        expect(signedAttrs).toContain(`OCTET STRING      [HEX DUMP]:${certHash}`);
        expect(print.stdout.includes('id-smime-aa-timeStampToken')).toBe(withTimestamp);
      });
    }
  }

  it('is rejected by openssl when the content changed', async () => {
    const signer = await loadPkcs12Signer(await readFile(join(dir, 'people/city.leader.p12')), PIN);
    const digest = createHash('sha256').update(await readFile(join(dir, 'data.bin'))).digest();
    await writeFile(join(dir, 'sig.der'), await buildSignedData({ digest, signer }));
    await writeFile(join(dir, 'other.bin'), 'different content');
    const r = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der'), '-content', join(dir, 'other.bin'), '-CAfile', join(dir, 'root-ca.pem'), '-purpose', 'any', '-out', '/dev/null']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/digest failure|Verification failure/);
  });
});
