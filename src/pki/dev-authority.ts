import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTimestampAuthority, readPkcs12, type TimestampAuthority } from '../signing/index.ts';
import { readDevPkiIndex } from './create-dev-pki.ts';
import { createCertificateIssuer, type CertificateIssuer } from './certificate-issuer.ts';
import type { DevPkiIndex } from './dev-pki-types.ts';
import { initDevPki } from './init-dev-pki.ts';

/** What the server publishes for the development PKI: CA certificates, the CRL and a TSA; and its issuing CA. */
export interface DevAuthority {
  dir: string;
  index: DevPkiIndex;
  rootPem: string;
  chainPem: string;
  crlDer: Uint8Array;
  tsa: TimestampAuthority;
  /** The issuing CA, which issues users' and units' signing certificates at run time. */
  issuer: CertificateIssuer;
}

/**
 * Opens the development PKI in `dir`, making it first when absent, so a fresh `npm start` has
 * signers, a CRL and a TSA without any manual step. Never used when NODE_ENV=production.
 */
export async function openDevAuthority(dir: string, opts: { crlUrl: string }): Promise<DevAuthority> {
  const index = existsSync(join(dir, 'index.json')) ? await readDevPkiIndex(dir) : await initDevPki(dir, { crlUrl: opts.crlUrl });
  const read = (path: string) => readFile(join(dir, path));
  const tsaEntry = index.entries.find((e) => e.kind === 'tsa');
  if (!tsaEntry) throw new Error(`${dir}/index.json lists no TSA certificate`);
  const tsaKey = readPkcs12(await read(tsaEntry.p12), tsaEntry.pin);
  const ca = readPkcs12(await read(index.issuing.p12), index.issuing.pin);
  return {
    dir,
    index,
    rootPem: (await read(index.root.certificate)).toString('utf8'),
    chainPem: (await read(index.chain)).toString('utf8'),
    crlDer: new Uint8Array(await read(index.crl.der)),
    tsa: createTimestampAuthority({ ...tsaKey, policyOid: index.tsaPolicyOid }),
    issuer: createCertificateIssuer({ certificate: ca.certificate, privateKey: ca.privateKey, issuers: ca.chain, crlUrl: index.crlUrl }),
  };
}
