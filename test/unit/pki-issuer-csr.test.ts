import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { generateKeyPairSync, webcrypto, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificationRequestError, createCertificateIssuer, readCertificationRequest } from '../../src/pki/index.ts';
import { keyUsage, parseCertificate } from '../../src/signing/cms/index.ts';
import { FIXED_NOW, keyOf, pkiFile } from '../helpers/signing-pki.ts';

// The configured CA at run time: the profile of what it issues, and the PKCS #10 requests it
// accepts from a tablet (made here as a browser makes them, with @peculiar/x509 over WebCrypto).

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

async function issuer() {
  const ca = await keyOf('issuing-ca');
  return createCertificateIssuer({ certificate: ca.certificate, privateKey: ca.privateKey, issuers: ca.chain, crlUrl: 'http://pki.test/issuing-ca.crl' });
}

async function csrFor(algorithm: 'ECDSA' | 'RSASSA-PKCS1-v1_5'): Promise<{ der: Uint8Array; spki: Buffer }> {
  const params = algorithm === 'ECDSA' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(params, false, ['sign', 'verify'])) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=Someone Else', keys, signingAlgorithm: algorithm === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: algorithm } });
  return { der: new Uint8Array(csr.rawData), spki: Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey)) };
}

describe('certificate issuer', () => {
  it('issues a signing certificate with the subject it is given, chaining to the development root', async () => {
    const ca = await issuer();
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = ca.issue({ subject: [['C', 'VN'], ['O', 'UBND Quận Ba Đình'], ['CN', 'Hoàng Văn Nam']], publicKey, now: FIXED_NOW });
    const cert = new X509Certificate(der);
    expect(cert.subject.replace(/\n/g, ', ')).toBe('C=VN, O=UBND Quận Ba Đình, CN=Hoàng Văn Nam');
    expect(cert.ca).toBe(false);
    // ETSI EN 319 412-2 §4.3.2: a signing certificate's keyUsage (RFC 5280 §4.2.1.3).
    expect([...(keyUsage(parseCertificate(der)) ?? [])].sort()).toEqual(['digitalSignature', 'nonRepudiation']);
    const issuing = new X509Certificate(await pkiFile('issuing-ca.cer'));
    expect(cert.checkIssued(issuing) && cert.verify(issuing.publicKey)).toBe(true);
    expect(new Date(cert.validFrom).getTime()).toBe(FIXED_NOW.getTime() - 3_600_000);
    expect(ca.chain.map((c) => new X509Certificate(c).subject)).toEqual([issuing.subject, new X509Certificate(await pkiFile('root-ca.cer')).subject]);
  });

  it('never issues past the CA’s own validity', async () => {
    const ca = await issuer();
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const der = ca.issue({ subject: [['CN', 'x']], publicKey, now: FIXED_NOW, validityDays: 100 * 365 });
    const issuing = new X509Certificate(await pkiFile('issuing-ca.cer'));
    expect(new X509Certificate(der).validTo).toBe(issuing.validTo);
  });
});

describe('PKCS #10 requests from a tablet', () => {
  it('reads ECDSA P-256 and RSA requests and gives their public key', async () => {
    for (const algorithm of ['ECDSA', 'RSASSA-PKCS1-v1_5'] as const) {
      const { der, spki } = await csrFor(algorithm);
      const { publicKey } = readCertificationRequest(der);
      expect(publicKey.export({ type: 'spki', format: 'der' })).toEqual(spki);
    }
  });

  it('refuses a request whose signature does not verify (no proof of possession)', async () => {
    const { der, spki } = await csrFor('ECDSA');
    // Put another key in the request: the signature was made with the first one.
    const other = await csrFor('ECDSA');
    const forged = Buffer.from(der);
    const at = forged.indexOf(spki);
    expect(at).toBeGreaterThan(0);
    other.spki.copy(forged, at);
    expect(() => readCertificationRequest(forged)).toThrow(/does not verify/);
  });

  it('refuses what is not a request', () => {
    expect(() => readCertificationRequest(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]))).toThrow(CertificationRequestError);
    expect(() => readCertificationRequest(new Uint8Array([1, 2, 3]))).toThrow(CertificationRequestError);
  });
});
