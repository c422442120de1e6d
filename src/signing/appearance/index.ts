// Visible signature appearances per Decree 30/2020/ND-CP Appendix I, as Form XObjects for
// signature widgets (ISO 32000-1 §12.5.5, §12.7.4.5), and the page geometry to place them.
//
// Typical use, for a leader's signature then the organisation's seal:
//   const page = pageAt(doc, pageNumber);
//   const rotation = pageRotation(page);
//   const personal = await buildAppearance(doc, { kind: 'personal', rotation, width, height, … });
//   const { rect } = resolvePlacement(page, personalBox);            // widget /Rect
//   // later, as a separate signature:
//   const onPage = { ...personal.imageRect, x: personalBox.x + imageRect.x, y: … };
//   const seal = await buildAppearance(doc, { kind: 'seal', rotation, diameterMm: 36, … });
//   const sealBox = appearanceRectFor(sealRectFor(onPage, 36), seal);
//   const { rect: sealRect } = resolvePlacement(page, sealBox);
export { buildAppearance } from './build-appearance.ts';
export { readDefaultFonts } from './fonts.ts';
export { inspectPng, type PngInfo } from './png-image.ts';
export {
  appearanceRectFor,
  pageAt,
  pageRotation,
  resolvePlacement,
  sealRectFor,
  visibleSize,
  type Placement,
} from './placement.ts';
export { sampleSealPng, sampleSignaturePng, type SampleSealOptions } from './sample-images.ts';
export { formatVietnamTime } from './vietnam-time.ts';
export type {
  AppearanceFonts,
  AppearanceSpec,
  BuiltAppearance,
  PageRotation,
  PersonalAppearanceSpec,
  PersonalDetailLine,
  Rect,
  SealAppearanceSpec,
  SealDetailLine,
} from './types.ts';
export { MM_TO_PT } from './types.ts';
