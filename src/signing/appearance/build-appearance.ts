// One entry point for both kinds of signature appearance (Decree 30/2020/ND-CP Appendix I).
// The result is a Form XObject to use as a signature widget's /AP /N (ISO 32000-1 §12.5.5,
// §12.7.4.5); the widget's /Rect must be width × height as the page is viewed — get it from
// resolvePlacement() on the same page, whose rotation must be passed in `spec.rotation`.
//
// A batch draws the same appearance on document after document: the same signer, image and
// lines, the time shown to the second. Laying it out, subsetting its two fonts and compressing
// them was most of a visible signature's cost (BENCHMARKS.md, batch signing), so each thread
// builds an appearance once, in a PDF of its own, and copies the finished objects (form, fonts,
// images) into every document that shows it. A copy has the same bytes as a fresh build.
import { createHash } from 'node:crypto';
import { PDFDocument, PDFObjectCopier, type PDFObject } from 'pdf-lib';
import { deflateNatively } from '../pdf/native-deflate.ts';
import { ContentCache } from './content-cache.ts';
import { buildPersonalAppearance } from './personal-appearance.ts';
import { buildSealAppearance } from './seal-appearance.ts';
import type { AppearanceSpec, BuiltAppearance } from './types.ts';
import { formatVietnamTime } from './vietnam-time.ts';

interface Kept {
  source: PDFDocument;
  built: BuiltAppearance;
}

/** Appearances kept per thread; a batch needs one or two at a time (a second boundary, a seal). */
const kept = new ContentCache<Promise<Kept>>(16);
const encoder = new TextEncoder();

export async function buildAppearance(doc: PDFDocument, spec: AppearanceSpec): Promise<BuiltAppearance> {
  // A refusal (a bad image, a box too small) is not kept: the caller sees it again next time.
  const entry = kept.get(encoder.encode(keyOf(spec)), () => buildAlone(spec));
  const { source, built } = await entry;
  const form: PDFObject | undefined = source.context.lookup(built.ref);
  if (!form) throw new Error('a kept appearance lost its form');
  // The copier follows every reference of the form (fonts, images, soft masks) and registers
  // copies under new numbers of `doc`; a fresh copier per document shares nothing between them.
  const ref = doc.context.register(PDFObjectCopier.for(source.context, doc.context).copy(form));
  return { ...built, ref };
}

async function buildAlone(spec: AppearanceSpec): Promise<Kept> {
  const source = await PDFDocument.create({ updateMetadata: false });
  deflateNatively(source.context);
  const built = spec.kind === 'personal' ? await buildPersonalAppearance(source, spec) : await buildSealAppearance(source, spec);
  await source.flush(); // pdf-lib writes the font subsets only here
  return { source, built };
}

/** Everything the appearance shows: bytes by their SHA-256, the time as shown (to the second). */
function keyOf(spec: AppearanceSpec): string {
  const shown = { ...spec, signingTime: spec.signingTime && formatVietnamTime(spec.signingTime) };
  return JSON.stringify(shown, (_name, value: unknown) => (value instanceof Uint8Array ? createHash('sha256').update(value).digest('hex') : value));
}
