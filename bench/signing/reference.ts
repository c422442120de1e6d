// The reference implementation we are measured against: @signpdf/signpdf with
// @signpdf/placeholder-plain and @signpdf/signer-p12 (node-forge PKCS#7, adbe.pkcs7.detached).
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';

const signpdf = new SignPdf();

/** Placeholder + signature, as a caller of @signpdf would do it for every document. */
export async function referenceSign(pdf: Uint8Array, p12: Uint8Array, pin: string, signingTime: Date): Promise<Uint8Array> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
    reason: 'benchmark',
    contactInfo: 'bench@ecabinet.invalid',
    name: 'ecabinet bench',
    location: 'Ha Noi',
  });
  // A P12Signer signs once (a second sign() throws), so each signature needs a new one.
  const signer = new P12Signer(Buffer.from(p12), { passphrase: pin });
  return new Uint8Array(await signpdf.sign(withPlaceholder, signer, signingTime));
}
