import { z } from 'zod';

// Key custody as the API shows it (issue 11 points 2-4): enrolment (PIN, authenticator app), the
// signer's certificates, PIN change, tablet-held keys and their signing requests, imports of a
// real CA's .p12, and the admin's unlock. Tables take their enums from here.

export const CREDENTIAL_KINDS = ['personal', 'seal', 'device'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
/** Where a credential's key came from: issued here by the configured CA, imported (.p12), or a tablet's CSR. */
export const CREDENTIAL_SOURCES = ['issued', 'imported', 'csr'] as const;
export const KEY_ALGORITHMS = ['rsa', 'ecdsa'] as const;

/** The PIN as typed; its rules (6-12 digits, not trivial) are the server's, answered with `signing.pin_invalid`. */
const pin = z.string().max(64);
/** A 6-digit code from the authenticator app; anything else is simply a wrong code (`signing.wrong_code`). */
const code = z.string().max(16);
/** A PKCS#12 file, base64 (JSON bodies; the files are a few kilobytes). */
const p12 = z.base64().max(200_000);

export const enrollRequestSchema = z.object({ pin });
/** RFC 6238 TOTP: base32 secret, SHA-1, 6 digits, 30 s; `otpauthUrl` is what the QR code holds. */
export const enrollResponseSchema = z.object({ totpSecret: z.string(), otpauthUrl: z.string() });
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;
export const confirmRequestSchema = z.object({ code });
export const changePinRequestSchema = z.object({ pin, newPin: pin });

export const certificateInfoSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(CREDENTIAL_KINDS),
    source: z.enum(CREDENTIAL_SOURCES),
    keyAlgorithm: z.enum(KEY_ALGORITHMS),
    /** As OpenSSL prints it: "C=VN, O=…, CN=…". */
    subject: z.string(),
    issuer: z.string(),
    serialNumber: z.string(),
    notBefore: z.iso.datetime({ offset: true }),
    notAfter: z.iso.datetime({ offset: true }),
    /** The certificate alone; the chain up to the root is published at /api/pki/trust-anchors. */
    certificatePem: z.string(),
    /** A tablet key's name ("iPad phòng họp"). */
    label: z.string().nullable(),
  })
  .meta({ id: 'SigningCertificate' });
export type CertificateInfo = z.infer<typeof certificateInfoSchema>;

export const ENROLMENT_STATES = ['none', 'pending', 'active'] as const;
export const signingStatusSchema = z
  .object({
    /** none: never set up; pending: PIN set, waiting for the first code; active: can sign. */
    enrolment: z.enum(ENROLMENT_STATES),
    locked: z.boolean(),
    /** Failed authorisations left before signing locks. */
    attemptsLeft: z.int(),
    personal: certificateInfoSchema.nullable(),
    /** An administrator imported a .p12 for this user: it replaces the personal key at the next PIN entry. */
    pendingImport: z.boolean(),
    devices: z.array(certificateInfoSchema),
  })
  .meta({ id: 'SigningStatus' });
export type SigningStatus = z.infer<typeof signingStatusSchema>;

/** A tablet asks for a certificate on a key it holds. The subject is the server's, whatever the CSR says. */
export const deviceKeyRequestSchema = z.object({
  /** PKCS #10, PEM ("-----BEGIN CERTIFICATE REQUEST-----"). */
  csr: z.string().min(1).max(16_000),
  pin,
  label: z.string().trim().min(1).max(80).optional(),
});
export type DeviceKeyRequest = z.infer<typeof deviceKeyRequestSchema>;

export const idParamsSchema = z.object({ id: z.uuid() });

/** The tablet's answer to a `signatureRequested` push: the signature, or a refusal. */
export const deviceAnswerSchema = z.union([
  /** ECDSA: raw r||s as WebCrypto makes it (or DER); RSA: the PKCS#1 v1.5 signature. Base64. */
  z.object({ signature: z.base64().min(1).max(2_000) }),
  z.object({ refused: z.literal(true) }),
]);
export type DeviceAnswer = z.infer<typeof deviceAnswerSchema>;

export const importP12Schema = z.object({ p12, password: z.string().max(200) });
/** The user imports his own .p12 and protects it with his signing PIN. */
export const importOwnP12Schema = importP12Schema.extend({ pin });
/** A unit's seal: imported from a .p12, or (empty body) issued by the configured CA. */
export const sealRequestSchema = z.union([importP12Schema, z.object({}).strict()]);

/** The server asks one of the user's tablets to sign (socket.io push to the user's sockets). */
export const signatureRequestedSchema = z.object({
  requestId: z.uuid(),
  /** The tablet key (device credential) that must sign; other tablets ignore the request. */
  credentialId: z.uuid(),
  keyAlgorithm: z.enum(KEY_ALGORITHMS),
  /** The DER of the CMS signed attributes (RFC 5652 §5.4), base64: sign it with SHA-256. */
  toBeSigned: z.base64(),
  /** SHA-256 of toBeSigned, hex, to show. */
  digest: z.string(),
  documentId: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SignatureRequested = z.infer<typeof signatureRequestedSchema>;

/** What credentials push over socket.io (composed into `Notification` in realtime.ts). */
export type CredentialsNotification = { method: 'signatureRequested'; data: SignatureRequested };
