// Revocation status from CRLs (RFC 5280 §6.3): the CRLs in the PDF's DSS (ETSI EN 319 142-1
// §5.4.2) and those the caller gives. The status is the signer certificate's; a revoked
// intermediate CA also makes it 'revoked'. OCSP responses are not read (the dev PKI and our
// B-LT signatures use CRLs only); a DSS holding only OCSP data gives 'unknown'.
import { safeKeyUsage, type Cert } from './cert-path.ts';
import { crlSignedBy, findRevoked, parseCrl, type ParsedCrl } from './crl.ts';
import type { RevocationReport } from './types.ts';

export interface CrlFrom {
  readonly crl: ParsedCrl;
  readonly source: 'dss' | 'given';
}

/** Parses every CRL; unreadable ones become problems, not exceptions. */
export function loadCrls(ders: readonly Uint8Array[], source: CrlFrom['source'], problems: string[]): CrlFrom[] {
  const out: CrlFrom[] = [];
  ders.forEach((der, i) => {
    try {
      out.push({ crl: parseCrl(der), source });
    } catch (err) {
      problems.push(`${source === 'dss' ? 'DSS' : 'given'} CRL #${i + 1} cannot be read: ${(err as Error).message}`);
    }
  });
  return out;
}

interface CertStatus {
  status: RevocationReport['status'];
  source: RevocationReport['source'];
  revokedAt?: Date;
  problems: string[];
}

/**
 * Status of `cert` as published by `issuer`. `signedAt` is the time the signature is proven to
 * exist (timestamp) or claimed; `now` the validation time.
 */
function statusOf(cert: Cert, issuer: Cert, crls: readonly CrlFrom[], signedAt: Date, now: Date): CertStatus {
  const problems: string[] = [];
  const usage = safeKeyUsage(issuer.info);
  // §6.3.3 (f): the CRL issuer's key must be allowed to sign CRLs.
  if (usage && !usage.has('cRLSign')) return { status: 'unknown', source: 'none', problems: [`${issuer.subject} may not sign CRLs (keyUsage)`] };
  const usable: CrlFrom[] = [];
  for (const c of crls) {
    if (!crlSignedBy(c.crl, issuer)) {
      if (Buffer.compare(c.crl.issuer, issuer.info.subject) === 0) problems.push(`a CRL naming ${issuer.subject} does not verify with its key`);
      continue;
    }
    if (c.crl.thisUpdate.getTime() > now.getTime()) {
      problems.push(`a CRL of ${issuer.subject} is dated in the future (${c.crl.thisUpdate.toISOString()})`);
      continue;
    }
    usable.push(c);
  }
  // A listed serial is revoked whatever the CRL's age: a later CRL never un-revokes (§5.3.1
  // removeFromCRL aside, which only delta CRLs use).
  for (const c of usable) {
    const entry = findRevoked(c.crl, cert.info.serial);
    if (entry) return { status: 'revoked', source: c.source, revokedAt: entry.revocationDate, problems };
  }
  // Not listed: proof of "good" if the CRL is current now, or was issued after the signature
  // (then the certificate was not revoked when it signed; cf. EN 319 102-1's revocation
  // freshness checker).
  const decisive = usable
    .filter((c) => !c.crl.nextUpdate || c.crl.nextUpdate.getTime() >= now.getTime() || c.crl.thisUpdate.getTime() >= signedAt.getTime())
    .sort((a, b) => (a.source === b.source ? 0 : a.source === 'dss' ? -1 : 1));
  const first = decisive[0];
  if (first) return { status: 'good', source: first.source, problems };
  if (usable.length > 0) problems.push(`the CRLs of ${issuer.subject} expired before now and were issued before the signature`);
  else problems.push(`no CRL of ${issuer.subject} is available`);
  return { status: 'unknown', source: 'none', problems };
}

/**
 * The signer certificate's status (path[0]); intermediates (not the anchor) are checked too
 * and a revoked one makes the result 'revoked'. `anchored` false: the issuer may be missing.
 */
export function checkRevocation(path: readonly Cert[], crls: readonly CrlFrom[], signedAt: Date, now: Date): RevocationReport {
  const leaf = path[0];
  const issuer = path[1];
  if (!leaf || !issuer) {
    return { status: 'unknown', source: 'none', problems: ["the signer certificate's issuer is unknown, so is its revocation status"] };
  }
  const own = statusOf(leaf, issuer, crls, signedAt, now);
  const report: RevocationReport = { status: own.status, source: own.source, problems: [...own.problems] };
  if (own.revokedAt) {
    report.revokedAt = own.revokedAt.toISOString();
    report.problems.push(`${leaf.subject} was revoked on ${report.revokedAt}`);
  }
  // Intermediate CAs: path[i] issued by path[i+1]; the last element is the anchor.
  for (let i = 1; i + 1 < path.length; i++) {
    const ca = path[i] as Cert;
    const s = statusOf(ca, path[i + 1] as Cert, crls, signedAt, now);
    if (s.status === 'revoked' && s.revokedAt) {
      report.status = 'revoked';
      report.source = s.source;
      report.revokedAt ??= s.revokedAt.toISOString();
      report.problems.push(`the CA ${ca.subject} was revoked on ${s.revokedAt.toISOString()}`);
    }
  }
  return report;
}
