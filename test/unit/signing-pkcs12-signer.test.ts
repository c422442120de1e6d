import { generateKeyPairSync, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePkcs12 } from '../../src/pki/pkcs12-writer.ts';
import { basicConstraints, buildCertificate, encodeName, keyUsageExtension } from '../../src/pki/x509-builder.ts';
import { parseCertificate } from '../../src/signing/cms/certificate.ts';
import { loadPkcs12Signer, readPkcs12 } from '../../src/signing/signers/index.ts';
import { FIXED_NOW, hex, keyOf, p12Of, PIN, pkiEntry, testPki } from '../helpers/signing-pki.ts';

const DAY = 86_400_000;

/** A P12 with a key of our choosing, issued by the test issuing CA. */
async function p12With(key: { publicKey: KeyObject; privateKey: KeyObject }, extraCerts: Uint8Array[] = [], password = PIN): Promise<Uint8Array> {
  const ca = await keyOf('issuing-ca');
  const cert = buildCertificate({
    serialNumber: 7n,
    issuer: parseCertificate(ca.certificate).subject,
    subject: encodeName([['C', 'VN'], ['CN', 'Thử khóa']]),
    notBefore: new Date(FIXED_NOW.getTime() - DAY),
    notAfter: new Date(FIXED_NOW.getTime() + DAY),
    publicKey: key.publicKey,
    signingKey: ca.privateKey,
    extensions: [basicConstraints(false), keyUsageExtension(['digitalSignature'])],
  });
  return writePkcs12({ privateKey: key.privateKey, certificates: [cert, ...extraCerts], password });
}

describe('loadPkcs12Signer', () => {
  beforeAll(async () => {
    await testPki();
  }, 60_000);

  for (const [id, keyAlgorithm] of [
    ['person:city.leader', 'rsa'],
    ['test:rsa-3072', 'rsa'],
    ['test:ecdsa-p256', 'ecdsa'],
  ] as const) {
    it(`loads ${id} from our own PKI and signs with node:crypto`, async () => {
      const signer = await loadPkcs12Signer(await p12Of(id), PIN, { now: FIXED_NOW });
      expect(signer.keyAlgorithm).toBe(keyAlgorithm);
      const cert = new X509Certificate(signer.certificate);
      expect(cert.subject).toContain((await pkiEntry(id)).subject.CN);
      const issuing = await pkiEntry('issuing-ca');
      expect(signer.chain.map((c) => new X509Certificate(c).subject)).toEqual([
        expect.stringContaining(issuing.subject.CN as string),
        expect.stringContaining('Root CA'),
      ]);
      const tbs = Buffer.from('signed attributes');
      const sig = await signer.sign(tbs);
      expect(verify('sha256', tbs, cert.publicKey, sig)).toBe(true);
      // Signing twice works (@signpdf's P12Signer signs once only, notes/signing.md).
      expect(verify('sha256', tbs, cert.publicKey, await signer.sign(tbs))).toBe(true);
    });
  }

  it('says the PIN is wrong when the MAC does not verify', async () => {
    await expect(loadPkcs12Signer(await p12Of('person:city.leader'), '000000')).rejects.toMatchObject({ code: 'signing.wrong_pin' });
  });

  it('calls garbage a bad credential', async () => {
    for (const bad of [Buffer.from('hello'), Buffer.alloc(0), Buffer.from([0x30, 0x03, 0x02, 0x01, 0x03])]) {
      await expect(loadPkcs12Signer(bad, PIN)).rejects.toMatchObject({ code: 'signing.bad_credential' });
    }
  });

  it('refuses expired, not-yet-valid and non-signing certificates', async () => {
    await expect(loadPkcs12Signer(await p12Of('test:expired'), PIN, { now: FIXED_NOW })).rejects.toMatchObject({
      code: 'signing.certificate_expired',
    });
    const leader = await pkiEntry('person:city.leader');
    const before = new Date(new Date(leader.notBefore).getTime() - 1000);
    await expect(loadPkcs12Signer(await p12Of('person:city.leader'), PIN, { now: before })).rejects.toMatchObject({
      code: 'signing.certificate_not_yet_valid',
    });
    await expect(loadPkcs12Signer(await p12Of('test:no-signing-usage'), PIN, { now: FIXED_NOW })).rejects.toMatchObject({
      code: 'signing.certificate_not_for_signing',
    });
  });

  it('validates at opts.now, so a certificate that will expire still signs today', async () => {
    const leader = await pkiEntry('person:city.leader');
    const after = new Date(new Date(leader.notAfter).getTime() + 1000);
    await expect(loadPkcs12Signer(await p12Of('person:city.leader'), PIN, { now: after })).rejects.toMatchObject({
      code: 'signing.certificate_expired',
    });
    await expect(loadPkcs12Signer(await p12Of('person:city.leader'), PIN, { now: FIXED_NOW })).resolves.toBeTruthy();
  });

  it('refuses RSA under 2048 bits, other curves and other key types', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await expect(loadPkcs12Signer(await p12With(weak), PIN, { now: FIXED_NOW })).rejects.toMatchObject({ code: 'signing.unsupported_key' });
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    await expect(loadPkcs12Signer(await p12With(k1), PIN, { now: FIXED_NOW })).rejects.toMatchObject({ code: 'signing.unsupported_key' });
    const ed = generateKeyPairSync('ed25519');
    await expect(loadPkcs12Signer(await p12With(ed), PIN, { now: FIXED_NOW })).rejects.toMatchObject({ code: 'signing.unsupported_key' });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    await expect(loadPkcs12Signer(await p12With(p384), PIN, { now: FIXED_NOW })).resolves.toMatchObject({ keyAlgorithm: 'ecdsa' });
  });

  it('finds the certificate matching the key whatever the bag order, and orders the chain', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const root = await keyOf('root-ca');
    const issuing = await keyOf('issuing-ca');
    const unrelated = await keyOf('seal:HN');
    // writePkcs12 takes the key's certificate first; shuffle the rest: root, an unrelated leaf, issuing.
    const p12 = await p12With(key, [root.certificate, unrelated.certificate, issuing.certificate]);
    const signer = await loadPkcs12Signer(p12, PIN, { now: FIXED_NOW });
    expect(signer.chain.map(hex)).toEqual([issuing.certificate, root.certificate].map(hex));
  });

  it('refuses a key store whose certificates do not match its key', async () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const other = await keyOf('seal:HN');
    const p12 = writePkcs12({ privateKey: key.privateKey, certificates: [other.certificate], password: PIN });
    await expect(loadPkcs12Signer(p12, PIN, { now: FIXED_NOW })).rejects.toMatchObject({ code: 'signing.bad_credential' });
  });

  it('reads our own files under a non-ASCII PIN (UTF-8 for PBES2, BMPString for the MAC)', async () => {
    const p12 = await p12With(generateKeyPairSync('ec', { namedCurve: 'P-256' }), [], 'Mật-khẩu');
    await expect(loadPkcs12Signer(p12, 'Mật-khẩu', { now: FIXED_NOW })).resolves.toMatchObject({ keyAlgorithm: 'ecdsa', chain: [] });
    await expect(loadPkcs12Signer(p12, 'Mat-khau', { now: FIXED_NOW })).rejects.toMatchObject({ code: 'signing.wrong_pin' });
  });

  it('exposes the raw contents for other uses (the TSA key)', async () => {
    const tsa = readPkcs12(await p12Of('tsa'), PIN);
    expect(tsa.privateKey.type).toBe('private');
    expect(new X509Certificate(tsa.certificate).checkPrivateKey(tsa.privateKey)).toBe(true);
  });
});
