import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData } from '../../src/signing/cms/index.ts';
import { loadPkcs12Signer } from '../../src/signing/signers/index.ts';
import { openssl } from '../helpers/signing-pki.ts';

// PKCS#12 files made by OpenSSL 3 from keys and certificates it generated itself: the formats
// signers bring from real CAs' tools. Default (PBES2/AES-256/SHA-256 MAC), -legacy (3DES, RC2-40,
// SHA-1 MAC) and a variant with unencrypted certificates and a SHA-512 MAC.

const PIN = 'Mật-khẩu-1';
const ASCII_PIN = '246810';
let dir: string;

async function ok(args: string[]): Promise<void> {
  const r = await openssl(args, { cwd: dir });
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A leaf key+certificate issued by the test CA; returns the file stem. */
async function leaf(name: string, newkey: string[], usage = 'digitalSignature,nonRepudiation'): Promise<string> {
  await writeFile(join(dir, `${name}.ext`), `keyUsage=critical,${usage}\nbasicConstraints=CA:FALSE\n`);
  await ok(['req', '-new', ...newkey, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-utf8', '-subj', `/C=VN/O=Sở Nội vụ/CN=${name}`]);
  await ok(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-out', `${name}.pem`, '-extfile', `${name}.ext`]);
  return name;
}

const VARIANTS: Record<string, string[]> = {
  default: [],
  legacy: ['-legacy'],
  'plain-certs-sha512-mac': ['-certpbe', 'NONE', '-macalg', 'sha512', '-iter', '10000'],
};

async function exportP12(stem: string, variant: string, pin = ASCII_PIN): Promise<Uint8Array> {
  const out = `${stem}-${variant}.p12`;
  await ok(['pkcs12', '-export', ...(VARIANTS[variant] ?? []), '-inkey', `${stem}.key`, '-in', `${stem}.pem`, '-certfile', 'ca.pem', '-out', out, '-passout', `pass:${pin}`]);
  return readFile(join(dir, out));
}

describe('PKCS#12 files made by OpenSSL', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-p12-'));
    await ok(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=OpenSSL Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    await leaf('rsa2048', ['-newkey', 'rsa:2048']);
    await leaf('rsa3072', ['-newkey', 'rsa:3072']);
    await leaf('p256', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    await leaf('p521', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521']);
    await leaf('rsa1024', ['-newkey', 'rsa:1024']);
    await leaf('encrypt-only', ['-newkey', 'rsa:2048'], 'keyEncipherment');
    await writeFile(join(dir, 'data.bin'), randomBytes(4096));
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const variant of Object.keys(VARIANTS)) {
    for (const [stem, keyAlgorithm] of [['rsa2048', 'rsa'], ['rsa3072', 'rsa'], ['p256', 'ecdsa']] as const) {
      it(`loads ${stem} (${variant}) and its signature verifies with openssl cms`, async () => {
        const p12 = await exportP12(stem, variant);
        const signer = await loadPkcs12Signer(p12, ASCII_PIN);
        expect(signer.keyAlgorithm).toBe(keyAlgorithm);
        const own = new X509Certificate(await readFile(join(dir, `${stem}.pem`)));
        expect(Buffer.from(signer.certificate).equals(own.raw)).toBe(true);
        expect(signer.chain).toHaveLength(1); // the CA, found and kept

        const data = await readFile(join(dir, 'data.bin'));
        const der = await buildSignedData({ digest: createHash('sha256').update(data).digest(), signer });
        const sig = join(dir, `${stem}-${variant}.sig`);
        await writeFile(sig, der);
        const r = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', 'data.bin', '-CAfile', 'ca.pem', '-purpose', 'any', '-out', '/dev/null'], { cwd: dir });
        expect(r.stderr).toContain('Verification successful');

        await expect(loadPkcs12Signer(p12, 'wrong')).rejects.toMatchObject({ code: 'signing.wrong_pin' });
      });
    }
  }

  it('takes a non-ASCII PIN the way OpenSSL encodes it, in every format', async () => {
    for (const variant of Object.keys(VARIANTS)) {
      const p12 = await exportP12('p256', variant, PIN);
      await expect(loadPkcs12Signer(p12, PIN)).resolves.toMatchObject({ keyAlgorithm: 'ecdsa' });
      await expect(loadPkcs12Signer(p12, 'Mat-khau-1')).rejects.toMatchObject({ code: 'signing.wrong_pin' });
    }
  });

  it('refuses RSA-1024 and P-521 keys, and a certificate not meant for signing', async () => {
    await expect(loadPkcs12Signer(await exportP12('rsa1024', 'default'), ASCII_PIN)).rejects.toMatchObject({ code: 'signing.unsupported_key' });
    await expect(loadPkcs12Signer(await exportP12('p521', 'default'), ASCII_PIN)).rejects.toMatchObject({ code: 'signing.unsupported_key' });
    await expect(loadPkcs12Signer(await exportP12('encrypt-only', 'legacy'), ASCII_PIN)).rejects.toMatchObject({
      code: 'signing.certificate_not_for_signing',
    });
  });

  it('refuses a certificate that is not valid yet or any more', async () => {
    const p12 = await exportP12('rsa2048', 'default');
    await expect(loadPkcs12Signer(p12, ASCII_PIN, { now: new Date(Date.now() + 60 * 86_400_000) })).rejects.toMatchObject({
      code: 'signing.certificate_expired',
    });
    await expect(loadPkcs12Signer(p12, ASCII_PIN, { now: new Date(Date.now() - 86_400_000) })).rejects.toMatchObject({
      code: 'signing.certificate_not_yet_valid',
    });
  });
});
