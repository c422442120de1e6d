import { SigningError } from '../errors.ts';
import type { Signer } from '../signer.ts';
import { loadCertificate } from './certificate.ts';
import { DerError, readRoot } from './der-reader.ts';
import { octetString, oid } from './der-writer.ts';
import { signingCertificateV2Value } from './ess-signing-certificate.ts';
import { OID } from './oids.ts';
import { attribute, encodeSignedData, encodeSignerInfo, signAttributes } from './signed-data.ts';

export interface BuildSignedDataOptions {
  /** SHA-256 of the PDF's /ByteRange bytes (ISO 32000-1 §12.8.1). */
  readonly digest: Uint8Array;
  readonly signer: Signer;
  /**
   * Returns an RFC 3161 TimeStampToken over the signature value (PAdES B-T). It must fail
   * rather than return nothing: a missing timestamp is never a silent downgrade to B-B.
   */
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

/**
 * Builds the detached CMS SignedData for a PAdES baseline signature (ETSI EN 319 142-1 §6.3,
 * SubFilter ETSI.CAdES.detached) and returns the ContentInfo DER that goes into /Contents.
 *
 * Signed attributes, exactly (ETSI EN 319 122-1 §5.1, §5.2.2.3): content-type id-data,
 * message-digest, signing-certificate-v2. No signing-time: a PAdES baseline signature carries
 * the claimed time in the signature dictionary's /M entry instead (EN 319 142-1 §6.3, Table 1).
 * The timestamp, when asked for, is the unsigned signature-time-stamp attribute (EN 319 122-1
 * §5.3, RFC 3161 Appendix A) over the SignerInfo's signature value.
 */
export async function buildSignedData(opts: BuildSignedDataOptions): Promise<Uint8Array> {
  const { digest, signer } = opts;
  if (digest.length !== 32) throw new RangeError(`digest must be a SHA-256 value (32 bytes), got ${digest.length}`);
  let cert;
  try {
    cert = loadCertificate(signer.certificate).info;
  } catch (err) {
    throw new SigningError('signing.bad_credential', `the signer's certificate is unreadable: ${(err as Error).message}`, { cause: err });
  }
  const signed = await signAttributes(signer, cert, [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2Value(cert)),
  ]);

  const unsigned: Uint8Array[] = [];
  if (opts.timestamp) {
    const token = await opts.timestamp(signed.signature);
    try {
      if (readRoot(token).tag !== 0x30) throw new DerError('not a SEQUENCE');
    } catch (err) {
      throw new SigningError('signing.tsa_failed', `the timestamp token is not DER: ${(err as Error).message}`, { cause: err });
    }
    unsigned.push(attribute(OID.signatureTimeStampToken, token));
  }

  return encodeSignedData({
    eContentType: OID.data,
    certificates: [signer.certificate, ...signer.chain],
    signerInfo: encodeSignerInfo({ cert, keyAlgorithm: signer.keyAlgorithm, signed, unsignedAttributes: unsigned }),
  });
}
