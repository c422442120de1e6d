// One entry point for both kinds of signature appearance (Decree 30/2020/ND-CP Appendix I).
// The result is a Form XObject to use as a signature widget's /AP /N (ISO 32000-1 §12.5.5,
// §12.7.4.5); the widget's /Rect must be width × height as the page is viewed — get it from
// resolvePlacement() on the same page, whose rotation must be passed in `spec.rotation`.
import type { PDFDocument } from 'pdf-lib';
import { buildPersonalAppearance } from './personal-appearance.ts';
import { buildSealAppearance } from './seal-appearance.ts';
import type { AppearanceSpec, BuiltAppearance } from './types.ts';

export async function buildAppearance(doc: PDFDocument, spec: AppearanceSpec): Promise<BuiltAppearance> {
  switch (spec.kind) {
    case 'personal':
      return buildPersonalAppearance(doc, spec);
    case 'seal':
      return buildSealAppearance(doc, spec);
  }
}
