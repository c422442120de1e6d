// A leader's signature block, Decree 30/2020/ND-CP Appendix I ("Chữ ký số của người có thẩm
// quyền"): the image of the handwritten signature — blue, PNG with a transparent background —
// centred between the title (chức vụ) and the full name (họ tên) of the signer, as on paper,
// where the title is in bold capitals and the name in bold. Under the name we add the small
// information lines common practice shows (signer, organisation, ISO 8601 time); which lines,
// sizes and box size are options because the decree text we have does not fix them.
//
//      ┌──────────────────────────────┐
//      │         KT. CHỦ TỊCH         │  title, bold, fontSize
//      │        PHÓ CHỦ TỊCH          │
//      │     ~~~~ signature ~~~~      │  image, centred, aspect kept
//      │        Nguyễn Văn An         │  name, bold, fontSize
//      │    Ký bởi: Nguyễn Văn An     │  details, regular, detailFontSize
//      │  Cơ quan: UBND Thành phố …   │
//      │ Thời gian ký: 2026-…+07:00   │
//      └──────────────────────────────┘
import type { PDFDocument } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { embedSubsetFont, readDefaultFonts } from './fonts.ts';
import { FormCanvas } from './form-canvas.ts';
import { embedPngImage } from './png-image.ts';
import { drawLines, layoutLines, type TextLine } from './text-block.ts';
import type { BuiltAppearance, PersonalAppearanceSpec, PersonalDetailLine, Rect } from './types.ts';
import { formatVietnamTime } from './vietnam-time.ts';

const DEFAULTS = { width: 200, fontSize: 11, detailFontSize: 7, imageHeight: 56 };
const PADDING = 3;
/** Below this the signature image would be illegible. */
const MIN_IMAGE_HEIGHT = 16;

export async function buildPersonalAppearance(doc: PDFDocument, spec: PersonalAppearanceSpec): Promise<BuiltAppearance> {
  const width = positive(spec.width ?? DEFAULTS.width, 'width');
  const fontSize = positive(spec.fontSize ?? DEFAULTS.fontSize, 'fontSize');
  const detailSize = positive(spec.detailFontSize ?? DEFAULTS.detailFontSize, 'detailFontSize');
  if (spec.height !== undefined) positive(spec.height, 'height');
  // The image first: a bad image is the caller's most likely mistake and costs nothing to check.
  const image = spec.image ? await embedPngImage(doc, spec.image, 'The signature image') : undefined;

  const fontBytes = spec.fonts ?? (await readDefaultFonts());
  const [regular, bold] = await Promise.all([
    embedSubsetFont(doc, fontBytes.regular),
    embedSubsetFont(doc, fontBytes.bold),
  ]);
  const innerWidth = width - 2 * PADDING;
  const titleLines = (spec.title ?? '').split('\n').filter((l) => l.trim());
  const title = layoutLines(titleLines.map((text) => ({ text, font: bold, size: fontSize })), innerWidth);
  const name = layoutLines([{ text: spec.name, font: bold, size: fontSize }], innerWidth);
  const details = layoutLines(
    detailLines(spec).map((text): TextLine => ({ text, font: regular, size: detailSize })),
    innerWidth,
  );
  const gap = fontSize * 0.3;
  const detailGap = details.lines.length ? detailSize * 0.5 : 0;
  const textHeight = 2 * PADDING + title.height + name.height + detailGap + details.height;

  let imageBand = 0;
  if (image) {
    imageBand = spec.height !== undefined ? spec.height - textHeight - 2 * gap : (spec.imageHeight ?? DEFAULTS.imageHeight);
    if (imageBand < MIN_IMAGE_HEIGHT) {
      throw new SigningError(
        'signing.placement_invalid',
        `The signature box is too small: ${spec.height} pt high, the text alone needs ${Math.ceil(textHeight)} pt`,
      );
    }
  }
  const contentHeight = textHeight + (image ? imageBand + 2 * gap : gap);
  const height = spec.height ?? contentHeight;
  if (height < contentHeight - 0.01) {
    throw new SigningError(
      'signing.placement_invalid',
      `The signature box is too small: ${height} pt high, its text needs ${Math.ceil(contentHeight)} pt`,
    );
  }

  const canvas = new FormCanvas();
  const cx = width / 2;
  // Text only: centre the block vertically in a box larger than it needs.
  let y = height - PADDING - (image ? 0 : (height - contentHeight) / 2);
  y = drawLines(canvas, title, cx, y) - gap;
  let imageRect: Rect | undefined;
  if (image) {
    const scale = Math.min(innerWidth / image.width, imageBand / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    imageRect = { x: cx - w / 2, y: y - imageBand + (imageBand - h) / 2, w, h };
    canvas.image(image, imageRect);
    y -= imageBand + gap;
  }
  y = drawLines(canvas, name, cx, y) - detailGap;
  drawLines(canvas, details, cx, y);

  const ref = canvas.finish(doc, width, height, spec.rotation ?? 0);
  return imageRect ? { ref, width, height, imageRect } : { ref, width, height };
}

function detailLines(spec: PersonalAppearanceSpec): string[] {
  const values: Record<PersonalDetailLine, string | undefined> = {
    signedBy: `Ký bởi: ${spec.signedBy ?? spec.name}`,
    organisation: spec.organisation && `Cơ quan: ${spec.organisation}`,
    time: spec.signingTime && `Thời gian ký: ${formatVietnamTime(spec.signingTime)}`,
  };
  const wanted = spec.details ?? (['signedBy', 'organisation', 'time'] as const);
  return wanted.map((key) => values[key]).filter((v): v is string => Boolean(v));
}

function positive(n: number, what: string): number {
  if (!Number.isFinite(n) || n <= 0) {
    throw new SigningError('signing.placement_invalid', `The appearance ${what} must be a positive number`);
  }
  return n;
}
