// Shapes shared by the appearance builders and the placement helpers. All lengths are PDF points
// (1/72 inch); 1 mm = 72 / 25.4 pt.
import type { PDFRef } from 'pdf-lib';

/** An upright rectangle: lower-left corner (x, y), width w, height h. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Page /Rotate normalised to one of the four values ISO 32000-1 §7.7.3.3 (Table 30) allows. */
export type PageRotation = 0 | 90 | 180 | 270;

/** Font programs (TrueType bytes) used for text in appearances; must cover Vietnamese. */
export interface AppearanceFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** The small information lines under a leader's name. */
export type PersonalDetailLine = 'signedBy' | 'organisation' | 'time';
/** The small information lines under an organisation's seal. */
export type SealDetailLine = 'organisation' | 'time';

interface CommonSpec {
  /**
   * /Rotate of the page the widget goes on (see pageRotation()); the Form XObject gets the
   * /Matrix that keeps its content upright as the page is viewed. Default 0.
   */
  rotation?: PageRotation;
  /** Vietnamese-capable fonts; default: Noto Sans from assets/fonts (readDefaultFonts()). */
  fonts?: AppearanceFonts;
  /** Size of the small information lines, pt. Default 7. */
  detailFontSize?: number;
  /** Signing time shown as ISO 8601 in Vietnam time, e.g. 2026-11-25T11:37:00+07:00. */
  signingTime?: Date;
  /** Organisation shown after "Cơ quan:" (personal) or on its own line (seal). */
  organisation?: string;
}

/**
 * A leader's signature (Decree 30/2020/ND-CP, Appendix I): the title line(s), the image of the
 * handwritten signature centred below them, the full name in bold, then small information lines.
 */
export interface PersonalAppearanceSpec extends CommonSpec {
  kind: 'personal';
  /** Title, '\n' separates lines, e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH". Bold, as on paper. */
  title?: string;
  /** Full name printed under the signature image (bold). */
  name: string;
  /** Handwritten signature: PNG, transparent background, normally blue. Omitted: text only. */
  image?: Uint8Array;
  /** Name after "Ký bởi:"; default `name`. */
  signedBy?: string;
  /** Which information lines to show, in this order; default all three that have a value. */
  details?: readonly PersonalDetailLine[];
  /** Box size as the page is viewed, pt. Default width 200; default height fits the content. */
  width?: number;
  height?: number;
  /** Size of title and name, pt. Default 11. */
  fontSize?: number;
  /** Height reserved for the signature image when `height` is not given, pt. Default 56. */
  imageHeight?: number;
}

/**
 * An organisation's signature (Decree 30/2020/ND-CP, Appendix I): the red seal image at its
 * true size, optionally with small information lines under it. Its box is exactly as large as
 * the content needs; place it with sealRectFor() + appearanceRectFor().
 */
export interface SealAppearanceSpec extends CommonSpec {
  kind: 'seal';
  /** Seal: PNG, transparent background, red. Its width is drawn at `diameterMm`. */
  image: Uint8Array;
  /** True width of the seal (its diameter when round), mm, e.g. 36. */
  diameterMm: number;
  /** Which information lines to show, in this order; default those that have a value. */
  details?: readonly SealDetailLine[];
  /**
   * A line printed under the seal before the information lines, e.g. the document number
   * "Số: 12/UBND-VP" the clerk assigns when sealing (Decree 30/2020/ND-CP Art. 15: the number
   * is given by the issuing office's register).
   */
  caption?: string;
}

export type AppearanceSpec = PersonalAppearanceSpec | SealAppearanceSpec;

/**
 * A Form XObject ready to be a widget's normal appearance (/AP /N, ISO 32000-1 §12.5.5).
 * width × height is its box as the page is viewed; `imageRect` is where the image was drawn
 * inside that box (same orientation, origin at the box's lower-left), absent for text only.
 */
export interface BuiltAppearance {
  ref: PDFRef;
  width: number;
  height: number;
  imageRect?: Rect;
}

export const MM_TO_PT = 72 / 25.4;
