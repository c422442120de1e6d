// Checking an RFC 3161 TimeStampToken the way a signature relies on it: the token's own CMS
// signature, its imprint over the data (RFC 3161 §2.4.2), the TSA certificate's usage (§2.3)
// and the TSA's path to a trust anchor at genTime. Used for PAdES signature timestamps (data:
// the SignerInfo signature value, RFC 3161 Appendix A) and document timestamps (data: the
// /ByteRange bytes, ETSI EN 319 142-1 §5.4.3).
import { SigningError } from '../errors.ts';
import { parseTimeStampToken, verifyTimeStampToken, type ParsedTimeStampToken } from '../timestamp/index.ts';
import { buildPath, checkPath, loadCert, loadCerts, type Cert, type PathResult } from './cert-path.ts';
import type { TimestampReport } from './types.ts';

export interface TimestampCheck {
  report: TimestampReport;
  /** The token parsed, when it could be. */
  token: ParsedTimeStampToken | null;
  /** genTime, only when the whole token verified and the TSA is trusted. */
  provenTime: Date | null;
  imprintMatches: boolean;
  signatureValid: boolean;
  certBindingValid: boolean;
  tsa: Cert | null;
  path: PathResult | null;
  pathProblems: string[];
}

/** What a signature without a timestamp token has. */
export function noTimestamp(): TimestampCheck {
  return {
    report: { present: false, valid: false, time: null, tsa: null, problems: [] },
    token: null,
    provenTime: null,
    imprintMatches: false,
    signatureValid: false,
    certBindingValid: false,
    tsa: null,
    path: null,
    pathProblems: [],
  };
}

/** Never throws: an unreadable token is reported as present and invalid. */
export function checkTimestamp(tokenDer: Uint8Array, data: Uint8Array, ctx: { anchors: readonly Cert[]; pool: readonly Cert[] }): TimestampCheck {
  const fail = (problem: string): TimestampCheck => {
    const none = noTimestamp();
    return { ...none, report: { ...none.report, present: true, problems: [problem] } };
  };
  let token: ParsedTimeStampToken;
  try {
    token = parseTimeStampToken(tokenDer);
  } catch (err) {
    return fail(`the timestamp token cannot be read: ${err instanceof SigningError ? err.message : String(err)}`);
  }
  const check = verifyTimeStampToken(token, data);
  const problems = [...check.problems];
  const tsa = token.tsaCertificate ? loadCert(token.tsaCertificate) : null;
  let path: PathResult | null = null;
  let pathProblems: string[] = [];
  if (!tsa) problems.push('the TSA certificate is not in the token');
  else {
    path = buildPath(tsa, [...loadCerts(token.certificates), ...ctx.pool], ctx.anchors);
    // The TSA must have been trustworthy when it issued the token (genTime).
    pathProblems = [...path.problems, ...checkPath(path.certs, token.genTime, 'timestamping')];
    problems.push(...pathProblems.map((p) => `TSA: ${p}`));
  }
  const valid =
    check.imprintMatches && check.signatureValid && check.certBindingValid && check.tsaCertificateValid && !!path?.anchored && pathProblems.length === 0;
  return {
    report: { present: true, valid, time: token.genTime.toISOString(), tsa: tsa?.subject ?? null, problems },
    token,
    provenTime: valid ? token.genTime : null,
    imprintMatches: check.imprintMatches,
    signatureValid: check.signatureValid,
    certBindingValid: check.certBindingValid,
    tsa,
    path,
    pathProblems,
  };
}
