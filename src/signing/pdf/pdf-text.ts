// Text strings (ISO 32000-1 §7.9.2.2): plain ASCII as a literal string, anything else (Vietnamese
// names, reasons) as UTF-16BE with a byte order mark in a hex string. pdf-lib's PDFString.of
// does not escape parentheses or backslashes, so such text also goes the hex way.
import { PDFHexString, PDFString, type PDFObject } from 'pdf-lib';

export function pdfText(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) && !/[()\\]/.test(text) ? PDFString.of(text) : PDFHexString.fromText(text);
}

/** Decodes a text string object (PDFDocEncoding or UTF-16BE); undefined for anything else. */
export function readText(obj: PDFObject | undefined): string | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return undefined;
}
