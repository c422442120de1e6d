import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoSigners, type DevPkiIndex } from '../../src/pki/index.ts';
import { extendedKeyUsage, keyUsage, parseCertificate, subjectKeyIdentifier } from '../../src/signing/cms/certificate.ts';
import { children, elements, readInteger, readOid, readRoot, TAG } from '../../src/signing/cms/der-reader.ts';
import { OID } from '../../src/signing/cms/oids.ts';
import { readPkcs12 } from '../../src/signing/signers/index.ts';
import { FIXED_NOW, PIN, pkiFile, testPki } from '../helpers/signing-pki.ts';

let index: DevPkiIndex;
const certOf = async (path: string): Promise<X509Certificate> => new X509Certificate(Buffer.from(await pkiFile(path)));
/** DER of a PEM certificate file. */
const derOf = async (path: string): Promise<Uint8Array> => (await certOf(path)).raw;

describe('development PKI generator', () => {
  beforeAll(async () => {
    index = (await testPki()).index;
  }, 60_000);

  it('issues a certificate per demo person and unit, the TSA and the five test certificates', () => {
    expect(index.entries.map((e) => e.id)).toEqual([
      'person:city.leader',
      'person:d01.clerk',
      'seal:HN',
      'seal:d01',
      'tsa',
      'test:ecdsa-p256',
      'test:rsa-3072',
      'test:expired',
      'test:revoked',
      'test:no-signing-usage',
    ]);
    expect(index.entries.map((e) => e.keyType).filter((k) => k !== 'rsa-2048')).toEqual(['ec-p256', 'rsa-3072']);
    expect(new Set(index.entries.map((e) => e.pin))).toEqual(new Set([PIN]));
  });

  it('names people in Vietnamese UTF8String: C=VN, O=unit, CN=full name', async () => {
    const e = index.entries.find((x) => x.id === 'person:city.leader');
    expect(e?.subject).toEqual({ C: 'VN', O: 'UBND Thành phố Hà Nội', CN: 'Trần Văn Quang' });
    const info = parseCertificate(await derOf(e?.certificate as string));
    const tags = elements(readRoot(info.subject), TAG.SEQUENCE, 'Name').map((rdn) => {
      const [type, value] = children(children(rdn)[0]!);
      return [readOid(type), value!.tag];
    });
    expect(tags).toEqual([
      [OID.countryName, TAG.PRINTABLE_STRING],
      [OID.organizationName, TAG.UTF8_STRING],
      [OID.commonName, TAG.UTF8_STRING],
    ]);
  });

  it('gives CAs basicConstraints, keyCertSign/cRLSign and key identifiers that chain', async () => {
    const root = parseCertificate(Buffer.from(await pkiFile('root-ca.cer')));
    const issuing = parseCertificate(Buffer.from(await pkiFile('issuing-ca.cer')));
    for (const ca of [root, issuing]) {
      expect(ca.extensions.get(OID.basicConstraints)?.critical).toBe(true);
      expect([...(keyUsage(ca) ?? [])]).toEqual(['keyCertSign', 'cRLSign']);
    }
    const issuingX = await certOf('issuing-ca.pem');
    const rootX = await certOf('root-ca.pem');
    expect(issuingX.ca && rootX.ca).toBe(true);
    expect(issuingX.verify(rootX.publicKey)).toBe(true);
    expect(issuingX.checkIssued(rootX)).toBe(true);
    // AKI of the issuing CA = SKI of the root (RFC 5280 §4.2.1.1).
    const aki = issuing.extensions.get(OID.authorityKeyIdentifier)?.value as Uint8Array;
    expect(Buffer.from(aki).toString('hex')).toContain(Buffer.from(subjectKeyIdentifier(root) as Uint8Array).toString('hex'));
  });

  it('gives signing certificates digitalSignature + nonRepudiation and a CRL distribution point', async () => {
    for (const id of ['person:city.leader', 'seal:HN', 'test:ecdsa-p256']) {
      const e = index.entries.find((x) => x.id === id)!;
      const info = parseCertificate(await derOf(e.certificate));
      expect([...(keyUsage(info) ?? [])]).toEqual(['digitalSignature', 'nonRepudiation']);
      expect(Buffer.from(info.extensions.get(OID.cRLDistributionPoints)?.value as Uint8Array).toString('latin1')).toContain('http://pki.test/issuing-ca.crl');
    }
    const noSign = index.entries.find((x) => x.id === 'test:no-signing-usage')!;
    expect([...(keyUsage(parseCertificate(await derOf(noSign.certificate))) ?? [])]).toEqual(['keyEncipherment', 'dataEncipherment']);
  });

  it('gives the TSA a critical extendedKeyUsage of timeStamping only', async () => {
    const info = parseCertificate(await derOf('tsa/tsa.pem'));
    expect(extendedKeyUsage(info)).toEqual({ purposes: [OID.kpTimeStamping], critical: true });
  });

  it('dates the expired certificate in the past and the others around the fixed clock', () => {
    const expired = index.entries.find((x) => x.id === 'test:expired')!;
    expect(new Date(expired.notAfter).getTime()).toBeLessThan(FIXED_NOW.getTime());
    for (const e of index.entries.filter((x) => x.status !== 'expired')) {
      expect(new Date(e.notBefore).getTime()).toBeLessThanOrEqual(FIXED_NOW.getTime());
      expect(new Date(e.notAfter).getTime()).toBeGreaterThan(FIXED_NOW.getTime());
    }
  });

  it('lists exactly the revoked certificate in the CRL', async () => {
    const crl = readRoot(await pkiFile('issuing-ca.crl'));
    const tbs = children(children(crl)[0]!);
    const revoked = tbs.find((n, i) => i > 4 && n.tag === TAG.SEQUENCE)!;
    const serials = children(revoked).map((entry) => readInteger(children(entry)[0]).toString(16));
    expect(serials).toEqual([index.entries.find((x) => x.status === 'revoked')!.serialNumber]);
    expect(Buffer.from(await pkiFile('issuing-ca.crl.pem')).toString()).toMatch(/^-----BEGIN X509 CRL-----/);
  });

  it('writes PKCS#12 files our signer reads, with the chain', async () => {
    const p12 = readPkcs12(await pkiFile('seals/HN.p12'), PIN);
    expect(new X509Certificate(p12.certificate).subject).toContain('CN=UBND Thành phố Hà Nội');
    expect(p12.chain).toHaveLength(2);
  });
});

describe('demo signers for `ecabinet pki init`', () => {
  it('covers the leaders and clerks of the city and districts d01, d02, with their seals', () => {
    const demo = demoSigners();
    expect(demo.units.map((u) => u.code)).toEqual(['HN', 'd01', 'd02']);
    expect(demo.people.map((p) => p.username).sort()).toEqual(['city.clerk', 'city.leader', 'd01.clerk', 'd01.leader', 'd02.clerk', 'd02.leader']);
    expect(demo.units[1]?.name).toBe('UBND Quận Ba Đình');
  });
});
