import { generateKeyPair, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { OID } from '../signing/index.ts';
import { buildCrl } from './crl-builder.ts';
import type { DevPkiEntry, DevPkiIndex, DevPkiKeyType, DevPkiOptions } from './dev-pki-types.ts';
import { writePkcs12 } from './pkcs12-writer.ts';
import {
  authorityKeyIdentifierExtension,
  basicConstraints,
  buildCertificate,
  crlDistributionPointsExtension,
  encodeName,
  extendedKeyUsageExtension,
  keyIdentifier,
  keyUsageExtension,
  randomSerial,
  subjectKeyIdentifierExtension,
  type KeyUsageName,
  type NameAttribute,
} from './x509-builder.ts';

// The development PKI, generated in memory: root CA → issuing CA → personal, seal, TSA and test
// certificates, a CRL, and a PKCS#12 for every key. create-dev-pki.ts writes it to a directory.

export const DEFAULT_CRL_URL = 'http://localhost:3000/pki/issuing-ca.crl';
export const DEFAULT_PIN = '123456';
/** TSA policy of the development TSA: a UUID-based OID (ITU-T X.667, arc 2.25), no registration needed. */
export const DEV_TSA_POLICY_OID = '2.25.207408039268608806253265414245410483220';
const PKI_ORG = 'ecabinet development PKI';

const DAY = 86_400_000;
const generate = promisify(generateKeyPair);

async function newKey(type: DevPkiKeyType): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  if (type === 'ec-p256') return generate('ec', { namedCurve: 'P-256' });
  return generate('rsa', { modulusLength: type === 'rsa-3072' ? 3072 : 2048 });
}

interface Issued {
  entry: DevPkiEntry;
  der: Uint8Array;
  privateKey: KeyObject;
}

export interface DevPkiMaterial {
  readonly index: DevPkiIndex;
  /** Relative path → file content. */
  readonly files: ReadonlyMap<string, Uint8Array | string>;
}

interface LeafSpec {
  id: string;
  kind: DevPkiEntry['kind'];
  file: string;
  name: readonly NameAttribute[];
  keyType: DevPkiKeyType;
  usages: readonly KeyUsageName[];
  status: DevPkiEntry['status'];
  username?: string;
  unitCode?: string;
  tsa?: boolean;
}

export async function generateDevPki(opts: Omit<DevPkiOptions, 'dir' | 'force'>): Promise<DevPkiMaterial> {
  const now = opts.now ?? new Date();
  const pin = opts.pin ?? DEFAULT_PIN;
  const crlUrl = opts.crlUrl ?? DEFAULT_CRL_URL;
  // Validity starts an hour back so a verifier whose clock lags a little still accepts it.
  const start = new Date(now.getTime() - 3_600_000);
  const unitName = (code: string): string => opts.demo.units.find((u) => u.code === code)?.name ?? code;
  const testOrg = opts.demo.units[0]?.name ?? PKI_ORG;

  const leaves: LeafSpec[] = [
    ...opts.demo.people.map((p): LeafSpec => ({
      id: `person:${p.username}`,
      kind: 'person',
      file: `people/${p.username}`,
      name: [['C', 'VN'], ['O', unitName(p.unitCode)], ['CN', p.fullName]],
      keyType: 'rsa-2048',
      usages: ['digitalSignature', 'nonRepudiation'],
      status: 'valid',
      username: p.username,
      unitCode: p.unitCode,
    })),
    ...opts.demo.units.map((u): LeafSpec => ({
      id: `seal:${u.code}`,
      kind: 'seal',
      file: `seals/${u.code}`,
      name: [['C', 'VN'], ['O', u.name], ['CN', u.name]],
      keyType: 'rsa-2048',
      usages: ['digitalSignature', 'nonRepudiation'],
      status: 'valid',
      unitCode: u.code,
    })),
    { id: 'tsa', kind: 'tsa', file: 'tsa/tsa', name: [['C', 'VN'], ['O', PKI_ORG], ['CN', 'ecabinet Development TSA']], keyType: 'rsa-2048', usages: ['digitalSignature'], status: 'valid', tsa: true },
    testLeaf('ecdsa-p256', 'Kiểm thử ECDSA P-256', 'ec-p256', 'valid'),
    testLeaf('rsa-3072', 'Kiểm thử RSA-3072', 'rsa-3072', 'valid'),
    testLeaf('expired', 'Kiểm thử chứng thư hết hạn', 'rsa-2048', 'expired'),
    testLeaf('revoked', 'Kiểm thử chứng thư bị thu hồi', 'rsa-2048', 'revoked'),
    { ...testLeaf('no-signing-usage', 'Kiểm thử không dùng để ký', 'rsa-2048', 'not-for-signing'), usages: ['keyEncipherment', 'dataEncipherment'] },
  ];
  function testLeaf(name: string, cn: string, keyType: DevPkiKeyType, status: DevPkiEntry['status']): LeafSpec {
    return { id: `test:${name}`, kind: 'test', file: `test/${name}`, name: [['C', 'VN'], ['O', testOrg], ['CN', cn]], keyType, usages: ['digitalSignature', 'nonRepudiation'], status };
  }

  // All keys at once: node generates them on the libuv thread pool.
  const [rootKey, issuingKey, ...leafKeys] = await Promise.all([newKey('rsa-2048'), newKey('rsa-2048'), ...leaves.map((l) => newKey(l.keyType))]);
  if (!rootKey || !issuingKey) throw new Error('key generation failed');

  const issue = (spec: {
    id: string;
    kind: DevPkiEntry['kind'];
    file: string;
    name: readonly NameAttribute[];
    keyType: DevPkiKeyType;
    key: { publicKey: KeyObject; privateKey: KeyObject };
    issuer: Issued | null;
    notBefore: Date;
    notAfter: Date;
    extensions: Uint8Array[];
    status: DevPkiEntry['status'];
    extra?: Partial<DevPkiEntry>;
  }): Issued => {
    const subject = encodeName(spec.name);
    const ski = keyIdentifier(spec.key.publicKey.export({ type: 'spki', format: 'der' }));
    const issuerSki = spec.issuer ? keyIdentifier(new X509Certificate(spec.issuer.der).publicKey.export({ type: 'spki', format: 'der' })) : ski;
    const serialNumber = randomSerial();
    const der = buildCertificate({
      serialNumber,
      issuer: spec.issuer ? encodeName(spec.issuer.entry.subjectAttributes) : subject,
      subject,
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      publicKey: spec.key.publicKey,
      signingKey: spec.issuer?.privateKey ?? spec.key.privateKey,
      extensions: [...spec.extensions, subjectKeyIdentifierExtension(ski), authorityKeyIdentifierExtension(issuerSki)],
    });
    const entry: DevPkiEntry = {
      id: spec.id,
      kind: spec.kind,
      subject: Object.fromEntries(spec.name),
      subjectAttributes: spec.name,
      subjectLine: new X509Certificate(der).subject.replace(/\n/g, ', '),
      keyType: spec.keyType,
      serialNumber: serialNumber.toString(16),
      notBefore: spec.notBefore.toISOString(),
      notAfter: spec.notAfter.toISOString(),
      certificate: `${spec.file}.pem`,
      p12: `${spec.file}.p12`,
      pin,
      status: spec.status,
      ...spec.extra,
    };
    return { entry, der, privateKey: spec.key.privateKey };
  };

  const root = issue({
    id: 'root-ca', kind: 'root-ca', file: 'root-ca', keyType: 'rsa-2048', key: rootKey, issuer: null, status: 'valid',
    name: [['C', 'VN'], ['O', PKI_ORG], ['CN', 'ecabinet Development Root CA']],
    notBefore: start, notAfter: new Date(now.getTime() + 10 * 365 * DAY),
    extensions: [basicConstraints(true), keyUsageExtension(['keyCertSign', 'cRLSign'])],
  });
  const issuing = issue({
    id: 'issuing-ca', kind: 'issuing-ca', file: 'issuing-ca', keyType: 'rsa-2048', key: issuingKey, issuer: root, status: 'valid',
    name: [['C', 'VN'], ['O', PKI_ORG], ['CN', 'ecabinet Development Issuing CA']],
    notBefore: start, notAfter: new Date(now.getTime() + 5 * 365 * DAY),
    // pathLenConstraint 0: the issuing CA signs end-entity certificates only (RFC 5280 §4.2.1.9).
    extensions: [basicConstraints(true, 0), keyUsageExtension(['keyCertSign', 'cRLSign'])],
  });

  const revocationDate = new Date(now.getTime() - DAY);
  const issued = leaves.map((l, i) => {
    const expired = l.status === 'expired';
    const revoked = l.status === 'revoked';
    return issue({
      ...l, key: leafKeys[i] as { publicKey: KeyObject; privateKey: KeyObject }, issuer: issuing,
      // The expired certificate ran for a year and ended 30 days ago; the revoked one was in use before its revocation.
      notBefore: expired ? new Date(now.getTime() - 395 * DAY) : revoked ? new Date(now.getTime() - 30 * DAY) : start,
      notAfter: expired ? new Date(now.getTime() - 30 * DAY) : new Date(now.getTime() + 2 * 365 * DAY),
      extensions: [
        basicConstraints(false),
        keyUsageExtension(l.usages),
        // RFC 3161 §2.3: exactly one EKU, id-kp-timeStamping, critical.
        ...(l.tsa ? [extendedKeyUsageExtension([OID.kpTimeStamping], true)] : []),
        crlDistributionPointsExtension(crlUrl),
      ],
      extra: { ...(l.username ? { username: l.username } : {}), ...(l.unitCode ? { unitCode: l.unitCode } : {}), ...(revoked ? { revokedAt: revocationDate.toISOString() } : {}) },
    });
  });

  const thisUpdate = start;
  const nextUpdate = new Date(now.getTime() + 365 * DAY); // long for a dev PKI: `pki init` is not run daily
  const crl = buildCrl({
    issuer: encodeName(issuing.entry.subjectAttributes),
    issuerKeyId: keyIdentifier(issuingKey.publicKey.export({ type: 'spki', format: 'der' })),
    signingKey: issuingKey.privateKey,
    thisUpdate,
    nextUpdate,
    crlNumber: 1n,
    revoked: issued.filter((x) => x.entry.status === 'revoked').map((x) => ({ serialNumber: BigInt(`0x${x.entry.serialNumber}`), revocationDate, reason: 'keyCompromise' as const })),
  });

  const files = new Map<string, Uint8Array | string>();
  const chainPem = pem('CERTIFICATE', issuing.der) + pem('CERTIFICATE', root.der);
  for (const ca of [root, issuing]) {
    files.set(ca.entry.certificate, pem('CERTIFICATE', ca.der));
    files.set(`${ca.entry.id}.cer`, ca.der);
    files.set(ca.entry.p12, writePkcs12({ privateKey: ca.privateKey, certificates: ca === root ? [root.der] : [issuing.der, root.der], password: pin, friendlyName: ca.entry.id }));
  }
  files.set('ca-chain.pem', chainPem);
  files.set('issuing-ca.crl', crl);
  files.set('issuing-ca.crl.pem', pem('X509 CRL', crl));
  for (const x of issued) {
    files.set(x.entry.certificate, pem('CERTIFICATE', x.der));
    files.set(x.entry.p12, writePkcs12({ privateKey: x.privateKey, certificates: [x.der, issuing.der, root.der], password: pin, friendlyName: x.entry.username ?? x.entry.id }));
  }

  const index: DevPkiIndex = {
    version: 1,
    createdAt: now.toISOString(),
    pin,
    crlUrl,
    tsaPolicyOid: DEV_TSA_POLICY_OID,
    root: root.entry,
    issuing: issuing.entry,
    chain: 'ca-chain.pem',
    crl: { der: 'issuing-ca.crl', pem: 'issuing-ca.crl.pem', url: crlUrl, thisUpdate: thisUpdate.toISOString(), nextUpdate: nextUpdate.toISOString() },
    entries: issued.map((x) => x.entry),
  };
  return { index, files };
}

export function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
