import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { loadCertificate } from '../cms/certificate.ts';
import { DerError } from '../cms/der-reader.ts';
import { octetString, oid } from '../cms/der-writer.ts';
import { signingCertificateV2Value } from '../cms/ess-signing-certificate.ts';
import { digestName, OID } from '../cms/oids.ts';
import { attribute, encodeSignedData, encodeSignerInfo, signAttributes } from '../cms/signed-data.ts';
import { SigningError } from '../errors.ts';
import { createKeySigner } from '../signers/key-signer.ts';
import { isTimeStampingCertificate } from './timestamp-token.ts';
import { encodeTimeStampResp, encodeTstInfo, parseTimeStampReq, PKI_STATUS, type FailureInfo } from './tsp-messages.ts';

// The development TSA (RFC 3161 §2.4): turns a TimeStampReq into a TimeStampResp. Transport
// (HTTP POST of application/timestamp-query, RFC 3161 §3.4) belongs to the route that calls it.

export interface TimestampAuthorityOptions {
  /** TSA certificate, DER; must carry a critical extendedKeyUsage of exactly id-kp-timeStamping (RFC 3161 §2.3). */
  readonly certificate: Uint8Array;
  readonly privateKey: KeyObject;
  /** Issuing CA certificates, nearest first, sent when the requester asks (certReq). */
  readonly chain: readonly Uint8Array[];
  /** TSA policy under which tokens are issued (TSTInfo.policy). */
  readonly policyOid: string;
  readonly now?: () => Date;
  /** TSTInfo serial numbers; must be unique per TSA (§2.4.2). Default: 128 random bits. */
  readonly serial?: () => bigint;
}

export interface TimestampAuthority {
  /** Never throws: malformed or unacceptable requests get a rejection response (§2.4.2). */
  respond(requestDer: Uint8Array): Promise<Uint8Array>;
}

const randomSerial = (): bigint => BigInt(`0x${randomBytes(16).toString('hex')}`) >> 1n; // positive, < 2^127

export function createTimestampAuthority(opts: TimestampAuthorityOptions): TimestampAuthority {
  const { info, x509 } = loadCertificate(opts.certificate);
  if (!isTimeStampingCertificate(opts.certificate)) {
    throw new SigningError('signing.certificate_not_for_signing', 'a TSA certificate needs a critical extendedKeyUsage of exactly timeStamping (RFC 3161 §2.3)');
  }
  if (!x509.checkPrivateKey(opts.privateKey)) {
    throw new SigningError('signing.bad_credential', 'the TSA private key does not match its certificate');
  }
  const signer = createKeySigner({ privateKey: opts.privateKey, certificate: opts.certificate, chain: opts.chain });
  const now = opts.now ?? ((): Date => new Date());
  const serial = opts.serial ?? randomSerial;
  const reject = (failInfo: FailureInfo, text: string): Uint8Array =>
    encodeTimeStampResp({ status: PKI_STATUS.rejection, statusString: text, failInfo });

  return {
    async respond(requestDer: Uint8Array): Promise<Uint8Array> {
      let req;
      try {
        req = parseTimeStampReq(requestDer);
      } catch (err) {
        if (err instanceof DerError) return reject('badDataFormat', `malformed TimeStampReq: ${err.message}`);
        return reject('systemFailure', 'unexpected error reading the request');
      }
      if (req.version !== 1n) return reject('badRequest', `unsupported TimeStampReq version ${req.version}`);
      const hash = digestName(req.messageImprint.hashAlgorithm);
      // SHA-1 imprints are refused: a collision would let one token cover two documents.
      if (!hash || hash === 'sha1') return reject('badAlg', `unsupported hash algorithm ${req.messageImprint.hashAlgorithm}`);
      if (req.messageImprint.hashedMessage.length !== createHash(hash).digest().length) {
        return reject('badDataFormat', `hashedMessage length does not fit ${hash}`);
      }
      if (req.reqPolicy && req.reqPolicy !== opts.policyOid) return reject('unacceptedPolicy', `policy ${req.reqPolicy} is not offered`);
      if (req.hasExtensions) return reject('unacceptedExtension', 'request extensions are not supported');

      try {
        const tstInfo = encodeTstInfo({
          policy: opts.policyOid,
          messageImprintDer: req.messageImprint.der,
          serialNumber: serial(),
          genTime: now(),
          nonce: req.nonce,
          tsaName: info.subject,
        });
        // RFC 3161 §2.4.2 + RFC 5816: content-type id-ct-TSTInfo, message-digest of the TSTInfo
        // and ESS signing-certificate-v2 identifying the TSA certificate.
        const signed = await signAttributes(signer, info, [
          attribute(OID.contentType, oid(OID.tstInfo)),
          attribute(OID.messageDigest, octetString(createHash('sha256').update(tstInfo).digest())),
          attribute(OID.signingCertificateV2, signingCertificateV2Value(info)),
        ]);
        const token = encodeSignedData({
          eContentType: OID.tstInfo,
          eContent: tstInfo,
          // §2.4.1: the TSA certificate is included only when the requester set certReq.
          certificates: req.certReq ? [opts.certificate, ...opts.chain] : [],
          signerInfo: encodeSignerInfo({ cert: info, keyAlgorithm: signer.keyAlgorithm, signed }),
        });
        return encodeTimeStampResp({ status: PKI_STATUS.granted, token });
      } catch {
        return reject('systemFailure', 'the time-stamp could not be issued');
      }
    },
  };
}
