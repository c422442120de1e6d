import type { NameAttribute } from './x509-builder.ts';

// The shape of DIR/index.json, the manifest the CLI, the server and tests read.

export type DevPkiKeyType = 'rsa-2048' | 'rsa-3072' | 'ec-p256';

export interface DevPkiDemo {
  /** Units that get an organisation seal certificate; the first also owns the test certificates. */
  readonly units: ReadonlyArray<{ readonly code: string; readonly name: string }>;
  /** Leaders and clerks who get a personal signing certificate. */
  readonly people: ReadonlyArray<{ readonly username: string; readonly fullName: string; readonly unitCode: string }>;
}

export interface DevPkiOptions {
  readonly dir: string;
  /** Clock for validity periods and the CRL; default now. */
  readonly now?: Date;
  readonly demo: DevPkiDemo;
  /** cRLDistributionPoints URL written into every end-entity certificate. */
  readonly crlUrl?: string;
  /** PIN of every PKCS#12 file; default 123456. */
  readonly pin?: string;
  /** Replace an existing PKI in `dir` (its keys are lost, and signatures made with them no longer chain to the new root). */
  readonly force?: boolean;
}

export interface DevPkiEntry {
  /** 'root-ca', 'issuing-ca', 'person:<username>', 'seal:<unit code>', 'tsa', 'test:<name>'. */
  readonly id: string;
  readonly kind: 'root-ca' | 'issuing-ca' | 'person' | 'seal' | 'tsa' | 'test';
  readonly username?: string;
  readonly unitCode?: string;
  /** Subject attributes by short name (C, O, CN). */
  readonly subject: Readonly<Record<string, string>>;
  readonly subjectAttributes: readonly NameAttribute[];
  /** As OpenSSL prints it. */
  readonly subjectLine: string;
  readonly keyType: DevPkiKeyType;
  /** Hex, no leading zeros. */
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Paths relative to the PKI directory. */
  readonly certificate: string;
  readonly p12: string;
  readonly pin: string;
  /** What signing with it should produce: valid, or the failure it exists to test. */
  readonly status: 'valid' | 'expired' | 'revoked' | 'not-for-signing';
  readonly revokedAt?: string;
}

export interface DevPkiIndex {
  readonly version: 1;
  readonly createdAt: string;
  readonly pin: string;
  readonly crlUrl: string;
  readonly tsaPolicyOid: string;
  readonly root: DevPkiEntry;
  readonly issuing: DevPkiEntry;
  /** PEM bundle: issuing CA then root CA. */
  readonly chain: string;
  readonly crl: { readonly der: string; readonly pem: string; readonly url: string; readonly thisUpdate: string; readonly nextUpdate: string };
  /** End-entity certificates: people, seals, the TSA and the test certificates. */
  readonly entries: readonly DevPkiEntry[];
}
