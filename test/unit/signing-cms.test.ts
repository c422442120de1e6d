import { createHash, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCertificate, encodeName } from '../../src/pki/x509-builder.ts';
import { buildSignedData, OID, parseCertificate, parseSignedData, verifySignerInfo } from '../../src/signing/cms/index.ts';
import { children, raw, readRoot } from '../../src/signing/cms/der-reader.ts';
import { SigningError } from '../../src/signing/errors.ts';
import type { Signer } from '../../src/signing/signer.ts';
import { FIXED_NOW, hex, keyOf, signerOf, testPki } from '../helpers/signing-pki.ts';

const data = Buffer.from('%PDF-1.7 the byte ranges of a document');
const digest = createHash('sha256').update(data).digest();

describe('buildSignedData (RFC 5652, ETSI EN 319 122-1 B-B)', () => {
  beforeAll(async () => {
    await testPki();
  }, 60_000);

  for (const id of ['person:city.leader', 'test:rsa-3072', 'test:ecdsa-p256']) {
    it(`signs and verifies with ${id}`, async () => {
      const signer = await signerOf(id);
      const der = await buildSignedData({ digest, signer });
      const parsed = parseSignedData(der);
      expect(parsed.eContentType).toBe(OID.data);
      expect(parsed.eContent).toBeNull(); // detached
      expect(hex(parsed.signerCertificate as Uint8Array)).toBe(hex(signer.certificate));
      expect(parsed.signatureAlgorithm).toBe(signer.keyAlgorithm === 'rsa' ? OID.rsaEncryption : OID.ecdsaWithSha256);
      expect(parsed.digestAlgorithm).toBe(OID.sha256);
      expect(verifySignerInfo(parsed, digest)).toEqual({ digestMatches: true, signatureValid: true, certBindingValid: true, problems: [] });
    });
  }

  it('carries exactly contentType, messageDigest and signingCertificateV2, DER-sorted, no signingTime', async () => {
    const signer = await signerOf('person:city.leader');
    const parsed = parseSignedData(await buildSignedData({ digest, signer }));
    expect(parsed.signedAttributes.types).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2]);
    expect(parsed.signedAttributes.signingTime).toBeNull();
    expect(parsed.signedAttributes.contentType).toBe(OID.data);
    expect(hex(parsed.signedAttributes.messageDigest as Uint8Array)).toBe(hex(digest));
    // The SET OF is in DER order: each attribute encoding sorts after the previous one.
    const attrs = children(readRoot(parsed.signedAttrsDer as Uint8Array)).map((n) => Buffer.from(raw(n)));
    for (let i = 1; i < attrs.length; i++) expect(Buffer.compare(attrs[i - 1] as Buffer, attrs[i] as Buffer)).toBeLessThan(0);
    expect(parsed.signedAttrsDer?.[0]).toBe(0x31);
  });

  it('encodes ESSCertIDv2 with the SHA-256 of the certificate, default hashAlgorithm omitted, and issuerSerial', async () => {
    const signer = await signerOf('person:city.leader');
    const parsed = parseSignedData(await buildSignedData({ digest, signer }));
    const ref = parsed.signedAttributes.signingCertificate;
    expect(ref?.version).toBe(2);
    expect(ref?.hashAlgorithm).toBe(OID.sha256);
    expect(hex(ref?.certHash as Uint8Array)).toBe(createHash('sha256').update(signer.certificate).digest('hex'));
    expect(ref?.matches).toBe(true);
    const x509 = new X509Certificate(signer.certificate);
    expect(hex(ref?.issuerSerial?.serial as Uint8Array).replace(/^00/, '')).toBe(x509.serialNumber.toLowerCase());
    // ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING, issuerSerial SEQUENCE }: the first element is the hash.
    const attr = children(readRoot(parsed.signedAttrsDer as Uint8Array))[2];
    const essCertId = children(children(children(children(children(attr!)[1]!)[0]!)[0]!)[0]!);
    expect(essCertId.map((n) => n.tag)).toEqual([0x04, 0x30]);
  });

  it('includes the signer certificate and its chain, and uses issuerAndSerialNumber', async () => {
    const signer = await signerOf('seal:HN');
    const parsed = parseSignedData(await buildSignedData({ digest, signer }));
    expect(parsed.certificates.map(hex).sort()).toEqual([signer.certificate, ...signer.chain].map(hex).sort());
    expect('issuer' in parsed.signerIdentifier).toBe(true);
  });

  it('adds the timestamp token over the signature value as an unsigned attribute', async () => {
    const signer = await signerOf('person:city.leader');
    let stamped: Uint8Array | undefined;
    const fakeToken = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x07]);
    const der = await buildSignedData({
      digest,
      signer,
      timestamp: async (sig) => {
        stamped = sig;
        return fakeToken;
      },
    });
    const parsed = parseSignedData(der);
    expect(hex(stamped as Uint8Array)).toBe(hex(parsed.signatureValue));
    expect(parsed.unsignedAttributeTypes).toEqual([OID.signatureTimeStampToken]);
    expect(hex(parsed.timestampToken as Uint8Array)).toBe(hex(fakeToken));
  });

  it('fails when the timestamp fails, never producing a B-B signature instead', async () => {
    const signer = await signerOf('person:city.leader');
    const failing = async (): Promise<Uint8Array> => {
      throw new SigningError('signing.tsa_failed', 'timestamp authority http://tsa.test/: no answer');
    };
    await expect(buildSignedData({ digest, signer, timestamp: failing })).rejects.toMatchObject({ code: 'signing.tsa_failed' });
    await expect(buildSignedData({ digest, signer, timestamp: async () => new Uint8Array([1, 2]) })).rejects.toMatchObject({
      code: 'signing.tsa_failed',
    });
  });

  it('refuses a signer whose signature does not match its certificate', async () => {
    const good = await signerOf('person:city.leader');
    const other = await signerOf('seal:HN');
    const liar: Signer = { ...good, sign: (tbs) => other.sign(tbs) };
    await expect(buildSignedData({ digest, signer: liar })).rejects.toMatchObject({ code: 'signing.bad_credential' });
    // The certificate's public key is kept after a good signature: the next liar is still refused.
    await buildSignedData({ digest, signer: good });
    await expect(buildSignedData({ digest, signer: liar })).rejects.toMatchObject({ code: 'signing.bad_credential' });
    await expect(buildSignedData({ digest, signer: { ...other, sign: (tbs) => good.sign(tbs) } })).rejects.toMatchObject({ code: 'signing.bad_credential' });
  });

  it('detects a changed document, a changed attribute and a substituted certificate', async () => {
    const signer = await signerOf('person:city.leader');
    const der = Buffer.from(await buildSignedData({ digest, signer }));
    const parsed = parseSignedData(der);
    expect(verifySignerInfo(parsed, createHash('sha256').update('other').digest()).digestMatches).toBe(false);

    const tampered = Buffer.from(der);
    const at = tampered.indexOf(digest);
    tampered[at] = (tampered[at] as number) ^ 1; // inside messageDigest
    const t = verifySignerInfo(parseSignedData(tampered), digest);
    expect(t.digestMatches).toBe(false);
    expect(t.signatureValid).toBe(false);

    // A second certificate for the same key verifies the signature, but signing-certificate-v2
    // names the original one: the binding check catches the substitution (RFC 5035 §5.4).
    const ca = await keyOf('issuing-ca');
    const twin = buildCertificate({
      serialNumber: 42n,
      issuer: parseCertificate(ca.certificate).subject,
      subject: encodeName([['C', 'VN'], ['CN', 'Someone else']]),
      notBefore: FIXED_NOW,
      notAfter: new Date(FIXED_NOW.getTime() + 86_400_000),
      publicKey: new X509Certificate(signer.certificate).publicKey,
      signingKey: ca.privateKey,
      extensions: [],
    });
    const f = verifySignerInfo({ ...parsed, signerCertificate: twin }, digest);
    expect(f.signatureValid).toBe(true);
    expect(f.certBindingValid).toBe(false);
    expect(f.problems).toContain('signing-certificate-v2 does not identify the signer certificate');
  });

  it('parses a CMS followed by /Contents zero padding', async () => {
    const signer = await signerOf('test:ecdsa-p256');
    const der = await buildSignedData({ digest, signer });
    const padded = Buffer.concat([der, Buffer.alloc(4000)]);
    expect(verifySignerInfo(parseSignedData(padded), digest).signatureValid).toBe(true);
  });

  it('reports garbage as a malformed signature, not a crash', () => {
    for (const bad of [Buffer.from('not der'), Buffer.from([0x30, 0x03, 0x06, 0x01, 0x00]), Buffer.alloc(0)]) {
      expect(() => parseSignedData(bad)).toThrow(SigningError);
    }
  });

  it('rejects a digest that is not SHA-256 sized', async () => {
    const signer = await signerOf('person:city.leader');
    await expect(buildSignedData({ digest: new Uint8Array(20), signer })).rejects.toThrow(RangeError);
  });
});
