import { sign, type KeyObject } from 'node:crypto';
import { derWriter, OID, x509SignatureAlgorithm } from '../signing/index.ts';
import { authorityKeyIdentifierExtension, extension } from './x509-builder.ts';

const { bitString, contextConstructed, enumerated, integer, sequence, x509Time } = derWriter;

// Issues an X.509 v2 CRL (RFC 5280 §5.1) for the development issuing CA.

/** CRLReason (RFC 5280 §5.3.1). */
export const CRL_REASON = { unspecified: 0, keyCompromise: 1, cACompromise: 2, affiliationChanged: 3, superseded: 4, cessationOfOperation: 5 } as const;

export interface RevokedEntry {
  readonly serialNumber: bigint;
  readonly revocationDate: Date;
  readonly reason: keyof typeof CRL_REASON;
}

/**
 * CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }.
 * TBSCertList: version v2, signature, issuer, thisUpdate, nextUpdate, revokedCertificates (absent
 * when empty, §5.1.2.6), crlExtensions [0] with authorityKeyIdentifier and cRLNumber, both of
 * which §5.2.1 and §5.2.3 require of conforming CRL issuers.
 */
export function buildCrl(args: {
  issuer: Uint8Array;
  issuerKeyId: Uint8Array;
  signingKey: KeyObject;
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: bigint;
  revoked: readonly RevokedEntry[];
}): Uint8Array {
  const sigAlg = x509SignatureAlgorithm(args.signingKey);
  const entries = args.revoked.map((r) =>
    sequence(
      integer(r.serialNumber),
      x509Time(r.revocationDate),
      // reasonCode (§5.3.1) is a non-critical CRL entry extension.
      sequence(extension(OID.cRLReason, false, enumerated(CRL_REASON[r.reason]))),
    ),
  );
  const tbs = sequence(
    integer(1), // v2
    sigAlg,
    args.issuer,
    x509Time(args.thisUpdate),
    x509Time(args.nextUpdate),
    ...(entries.length > 0 ? [sequence(...entries)] : []),
    contextConstructed(0, sequence(authorityKeyIdentifierExtension(args.issuerKeyId), extension(OID.cRLNumber, false, integer(args.crlNumber)))),
  );
  return sequence(tbs, sigAlg, bitString(sign('sha256', tbs, args.signingKey)));
}
