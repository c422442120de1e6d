// Validation material for PAdES B-LT (ETSI EN 319 142-1 §5.4.2): the certificates of every
// chain the signature relies on and revocation data for them, gathered before the DSS update.
import { children, readNode, type DerNode } from './cms/der-reader.ts';
import { parseCertificate } from './cms/certificate.ts';
import { OID } from './cms/oids.ts';
import { parseTimeStampToken } from './timestamp/index.ts';
import { SigningError } from './errors.ts';

export type CrlFetcher = (url: string) => Promise<Uint8Array>;

/** HTTP(S) URIs in a certificate's cRLDistributionPoints (RFC 5280 §4.2.1.13). */
export function crlUrls(certificate: Uint8Array): string[] {
  const ext = parseCertificate(certificate).extensions.get(OID.cRLDistributionPoints);
  if (!ext) return [];
  const urls: string[] = [];
  // Walk the whole value: a URI is a GeneralName [6] IA5String wherever it sits
  // (fullName of a DistributionPoint, or a cRLIssuer).
  const walk = (node: DerNode): void => {
    if (node.tag === 0x86) {
      const uri = Buffer.from(node.source.subarray(node.contentStart, node.contentEnd)).toString('latin1');
      if (/^https?:\/\//i.test(uri)) urls.push(uri);
    } else if (node.tag & 0x20) {
      for (const child of children(node)) walk(child);
    }
  };
  walk(readNode(ext.value));
  return [...new Set(urls)];
}

export const httpCrlFetcher =
  (timeoutMs = 10_000): CrlFetcher =>
  async (url) => {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };

/**
 * The certificates (signer chain and the TSA's) and the CRLs their issuers publish. A CRL that
 * cannot be had fails the signing: B-LT without revocation data would be a silent downgrade.
 */
export async function collectValidationData(opts: {
  certificates: readonly Uint8Array[];
  timestampTokens?: readonly Uint8Array[];
  crls?: readonly Uint8Array[];
  fetchCrl?: CrlFetcher;
}): Promise<{ certs: Uint8Array[]; crls: Uint8Array[] }> {
  const certs = [...opts.certificates];
  for (const token of opts.timestampTokens ?? []) certs.push(...parseTimeStampToken(token).certificates);
  const unique = dedupe(certs);
  const crls = [...(opts.crls ?? [])];
  if (opts.fetchCrl) {
    const urls = new Set(unique.flatMap((c) => crlUrls(c)));
    for (const url of urls) {
      try {
        crls.push(await opts.fetchCrl(url));
      } catch (err) {
        throw new SigningError(
          'signing.revocation_unavailable',
          `B-LT needs the CRL at ${url}, which could not be fetched: ${(err as Error).message}`,
          { cause: err },
        );
      }
    }
  }
  if (crls.length === 0) {
    throw new SigningError('signing.revocation_unavailable', 'B-LT needs revocation data, and no CRL was given or published in the certificates.');
  }
  return { certs: unique, crls: dedupe(crls) };
}

function dedupe(items: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Map<string, Uint8Array>();
  for (const item of items) seen.set(Buffer.from(item).toString('base64'), item);
  return [...seen.values()];
}
