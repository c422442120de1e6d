// Failures of the signing engine, each with a stable code. The HTTP layer maps them onto the
// error catalogue; the CLI prints the message on one line. Never a raw exception from a parser.
export const SIGNING_ERROR_CODES = [
  'pdf.malformed', // not a PDF, truncated, broken cross-reference data
  'pdf.encrypted', // encrypted PDFs cannot be signed without their password
  'pdf.unsupported', // valid PDF using something we cannot update safely
  'pdf.too_complex', // beyond the reader's limits: nesting, objects, sections, page-tree depth, decoded size
  'signing.wrong_pin', // PKCS#12 MAC / decryption failed
  'signing.bad_credential', // PKCS#12 or key unreadable, no key, key/cert mismatch
  'signing.certificate_expired',
  'signing.certificate_not_yet_valid',
  'signing.certificate_not_for_signing', // keyUsage without digitalSignature/nonRepudiation
  'signing.unsupported_key', // not RSA 2048+/ECDSA P-256…
  'signing.tsa_failed', // the timestamp authority failed or answered badly: never downgrade
  'signing.revocation_unavailable', // B-LT without CRLs would be a silent downgrade
  'signing.cms_malformed', // a CMS or timestamp token that cannot be parsed
  'signing.placement_invalid', // page out of range, rectangle outside the page
  'signing.image_invalid', // not a PNG, or unreadable
  'signing.signature_too_large', // CMS bigger than the reserved /Contents window
  'signing.field_exists', // a signature field of that name is already signed
  'signing.certification_not_first', // a certification (DocMDP) signature on an already signed document
] as const;
export type SigningErrorCode = (typeof SIGNING_ERROR_CODES)[number];

export class SigningError extends Error {
  override name = 'SigningError';
  readonly code: SigningErrorCode;
  constructor(code: SigningErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
