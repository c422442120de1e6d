// Turns "a personal signature on page 2 at this box" or "the unit's seal over the leader's
// signature" into a built appearance and a widget placement (Decree 30/2020/ND-CP Appendix I).
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFDocument, type PDFPage } from 'pdf-lib';
import {
  appearanceRectFor,
  buildAppearance,
  pageAt,
  pageRotation,
  resolvePlacement,
  sealRectFor,
  visibleSize,
  type AppearanceFonts,
  type Rect,
} from './appearance/index.ts';
import { SigningError } from './errors.ts';
import type { WidgetPlacement } from './pdf/index.ts';

export interface VisibleSignature {
  kind: 'personal' | 'seal';
  /** 1-based page number. */
  page: number;
  /**
   * Box in points from the bottom-left of the page as seen. Required for a personal signature.
   * For a seal: the box whose centre the seal is centred on; omitted, the seal goes over the
   * left third of the latest personal signature image on that page, as the decree describes.
   */
  rect?: Rect;
  /**
   * Personal: the corner `rect.x` is measured from. 'bottom-left' (default): x is the box's left
   * edge. 'bottom-right': x is the gap between the box's right edge and the page's, so a default
   * box keeps its place at the right margin on pages of any size (A5, Letter, landscape).
   */
  from?: 'bottom-left' | 'bottom-right';
  /** PNG: the handwritten signature (personal, optional) or the seal (required). */
  image?: Uint8Array;
  /** Personal: the title line(s) above the signature, e.g. "CHỦ TỊCH". */
  title?: string;
  /** Personal: the printed name; defaults to the certificate's common name. */
  name?: string;
  organisation?: string;
  /** Seal: a line under the seal, e.g. the document number "Số: 12/UBND-VP". */
  caption?: string;
  /** Seal: true diameter in mm; default 36. */
  sealDiameterMm?: number;
  fonts?: AppearanceFonts;
}

// Where a personal appearance drew the signature image, on the page as seen, kept in the
// appearance stream's dictionary (an unknown key, ignored by viewers) so a later seal can find it.
const IMAGE_BOX_KEY = PDFName.of('ECabinetImageBox');

export async function placeVisibleSignature(
  doc: PDFDocument,
  spec: VisibleSignature,
  defaults: { name: string; organisation?: string; signingTime: Date },
): Promise<WidgetPlacement> {
  const page = pageAt(doc, spec.page);
  const rotation = pageRotation(page);
  const common = { rotation, signingTime: defaults.signingTime, organisation: spec.organisation ?? defaults.organisation, fonts: spec.fonts };
  if (spec.kind === 'personal') {
    if (!spec.rect) throw new SigningError('signing.placement_invalid', 'a visible personal signature needs a rectangle (page + rect).');
    const built = await buildAppearance(doc, {
      kind: 'personal',
      ...common,
      name: spec.name ?? defaults.name,
      title: spec.title,
      image: spec.image,
      width: spec.rect.w,
      height: spec.rect.h,
    });
    const x = spec.from === 'bottom-right' ? visibleSize(page).width - spec.rect.x - built.width : spec.rect.x;
    const box = { x, y: spec.rect.y, w: built.width, h: built.height };
    const placement = resolvePlacement(page, box);
    if (built.imageRect) {
      const r = built.imageRect;
      const stream = doc.context.lookup(built.ref, PDFStream);
      stream.dict.set(IMAGE_BOX_KEY, doc.context.obj([box.x + r.x, box.y + r.y, r.w, r.h]));
    }
    return { pageIndex: spec.page - 1, rect: placement.rect, appearance: built.ref };
  }

  if (!spec.image) throw new SigningError('signing.image_invalid', 'a seal signature needs the seal image (PNG).');
  const diameterMm = spec.sealDiameterMm ?? 36;
  const built = await buildAppearance(doc, { kind: 'seal', ...common, image: spec.image, diameterMm, details: [], caption: spec.caption });
  const sealSize = built.imageRect ?? { x: 0, y: 0, w: built.width, h: built.height };
  let sealImage: Rect;
  if (spec.rect) {
    const cx = spec.rect.x + spec.rect.w / 2;
    const cy = spec.rect.y + spec.rect.h / 2;
    sealImage = { x: cx - sealSize.w / 2, y: cy - sealSize.h / 2, w: sealSize.w, h: sealSize.h };
  } else {
    const personal = latestPersonalImageBox(doc, page);
    if (!personal) {
      throw new SigningError(
        'signing.placement_invalid',
        `page ${spec.page} has no personal signature to put the seal on; give a rectangle for the seal.`,
      );
    }
    sealImage = sealRectFor(personal, diameterMm);
  }
  const placement = resolvePlacement(page, appearanceRectFor(sealImage, built));
  return { pageIndex: spec.page - 1, rect: placement.rect, appearance: built.ref };
}

/** The image box of the last signed personal signature widget on `page`, if any. */
function latestPersonalImageBox(doc: PDFDocument, page: PDFPage): Rect | undefined {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  let found: Rect | undefined;
  for (let i = 0; annots && i < annots.size(); i++) {
    const widget = annots.lookupMaybe(i, PDFDict);
    const ap = widget?.lookupMaybe(PDFName.of('AP'), PDFDict);
    const normal = ap?.get(PDFName.of('N'));
    const stream = normal instanceof PDFRef ? doc.context.lookup(normal) : normal;
    if (!(stream instanceof PDFStream)) continue;
    const box = stream.dict.lookupMaybe(IMAGE_BOX_KEY, PDFArray);
    const nums = box?.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
    if (nums?.length === 4 && nums.every(Number.isFinite)) {
      const [x, y, w, h] = nums as [number, number, number, number];
      found = { x, y, w, h };
    }
  }
  return found;
}
