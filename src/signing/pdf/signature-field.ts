// The signature field and its widget (ISO 32000-1 §12.7.4.5, §12.5.6.19) and where they are
// hooked in: the AcroForm /Fields array (§12.7.2) and the page's /Annots (§12.5.2). Each edited
// container becomes a changed object of the update: an indirect array is itself updated, a
// direct one through the dictionary that holds it.
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFPage } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import type { IncrementalPdf } from './incremental-pdf.ts';
import { allPages, pageAt, pageCount } from './page-tree.ts';
import { pdfText } from './pdf-text.ts';

export type Rect = [number, number, number, number];

export interface WidgetPlacement {
  pageIndex: number;
  /** [x1 y1 x2 y2] in default user space (§8.3.2.3). */
  rect: Rect;
  /** A form XObject for the normal appearance (§12.5.5). */
  appearance?: PDFRef;
}

/** §12.5.3 Table 165: Print (4) + Locked (128): printed, and not movable by a viewer. */
const WIDGET_FLAGS = 132;

/** Gets or creates the AcroForm and sets /SigFlags 3 (SignaturesExist | AppendOnly, Table 219). */
export function ensureAcroForm(pdf: IncrementalPdf): { acroForm: PDFDict; fields: PDFArray } {
  const { context, catalog } = pdf.doc;
  const rootRef = context.trailerInfo.Root as PDFRef;
  const raw = catalog.get(PDFName.of('AcroForm'));
  let acroForm = context.lookup(raw);
  if (raw instanceof PDFRef && acroForm instanceof PDFDict) pdf.markChanged(raw);
  else if (acroForm instanceof PDFDict) pdf.markChanged(rootRef);
  else {
    acroForm = context.obj({});
    catalog.set(PDFName.of('AcroForm'), context.register(acroForm));
    pdf.markChanged(rootRef);
  }
  const form = acroForm as PDFDict;
  const rawFields = form.get(PDFName.of('Fields'));
  let fields = context.lookup(rawFields);
  if (rawFields instanceof PDFRef && fields instanceof PDFArray) pdf.markChanged(rawFields);
  else if (!(fields instanceof PDFArray)) {
    fields = context.obj([]);
    form.set(PDFName.of('Fields'), fields);
  }
  form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  return { acroForm: form, fields: fields as PDFArray };
}

export function checkPlacement(pdf: IncrementalPdf, placement: WidgetPlacement | undefined): { page: PDFPage; rect: Rect } {
  const pageIndex = placement?.pageIndex ?? 0;
  const page = pageAt(pdf.doc, pageIndex); // reads pages up to this one only
  if (!page) throw new SigningError('signing.placement_invalid', `Page ${pageIndex + 1} does not exist (the document has ${pageCount(pdf.doc)}).`);
  if (!placement) return { page, rect: [0, 0, 0, 0] }; // invisible signature: zero-size widget
  const r = placement.rect;
  if (!Array.isArray(r) || r.length !== 4 || r.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new SigningError('signing.placement_invalid', 'The signature rectangle must be four finite numbers.');
  }
  const rect: Rect = [Math.min(r[0], r[2]), Math.min(r[1], r[3]), Math.max(r[0], r[2]), Math.max(r[1], r[3])];
  const box = page.getMediaBox();
  const slack = 0.5;
  if (rect[2] - rect[0] <= 0 || rect[3] - rect[1] <= 0) {
    throw new SigningError('signing.placement_invalid', 'The signature rectangle has no area.');
  }
  if (rect[0] < box.x - slack || rect[1] < box.y - slack || rect[2] > box.x + box.width + slack || rect[3] > box.y + box.height + slack) {
    throw new SigningError('signing.placement_invalid', `The signature rectangle lies outside page ${pageIndex + 1}.`);
  }
  return { page, rect };
}

/** Adds `widget` to the page's /Annots without touching other pages that share the array. */
function addToAnnots(pdf: IncrementalPdf, page: PDFPage, widget: PDFRef): void {
  const { context } = pdf.doc;
  const raw = page.node.get(PDFName.of('Annots'));
  const annots = context.lookup(raw);
  if (raw instanceof PDFRef && annots instanceof PDFArray) {
    const shared = allPages(pdf.doc).some((p) => p !== page && p.node.get(PDFName.of('Annots')) === raw);
    if (!shared) {
      annots.push(widget);
      pdf.markChanged(raw);
      return;
    }
    page.node.set(PDFName.of('Annots'), context.obj([...annots.asArray(), widget]));
  } else if (annots instanceof PDFArray) annots.push(widget);
  else page.node.set(PDFName.of('Annots'), context.obj([widget]));
  pdf.markChanged(page.ref);
}

/** An empty appearance, so a visible widget without one still satisfies PDF 2.0 (Table 166). */
function emptyAppearance(pdf: IncrementalPdf, rect: Rect): PDFRef {
  const { context } = pdf.doc;
  const stream = context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, rect[2] - rect[0], rect[3] - rect[1]], Resources: {} });
  return context.register(stream);
}

/** Creates a merged field/widget dictionary pointing at `sigRef` and hooks it in. */
export function addSignatureField(pdf: IncrementalPdf, name: string, sigRef: PDFRef, placement?: WidgetPlacement): PDFRef {
  const { context } = pdf.doc;
  const { page, rect } = checkPlacement(pdf, placement);
  const { fields } = ensureAcroForm(pdf);
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: pdfText(name),
    V: sigRef,
    F: WIDGET_FLAGS,
    P: page.ref,
    Rect: rect,
  });
  // Invisible signature (zero-size /Rect): no appearance needed (ISO 32000-2 Table 166).
  if (placement) widget.set(PDFName.of('AP'), context.obj({ N: placement.appearance ?? emptyAppearance(pdf, rect) }));
  const ref = context.register(widget);
  fields.push(ref);
  addToAnnots(pdf, page, ref);
  return ref;
}

/** Signs into an existing, unsigned field: sets /V, and the appearance if one is given. */
export function fillSignatureField(pdf: IncrementalPdf, field: { ref?: PDFRef; dict: PDFDict; widgets: { ref?: PDFRef; dict: PDFDict }[] }, sigRef: PDFRef, appearance?: PDFRef): void {
  ensureAcroForm(pdf);
  field.dict.set(PDFName.of('V'), sigRef);
  const widget = field.widgets[0];
  if (appearance && widget) {
    widget.dict.set(PDFName.of('AP'), pdf.doc.context.obj({ N: appearance }));
    if (widget.ref) pdf.markChanged(widget.ref);
  }
  // A direct field dictionary changes with its container; the change tracker sees that.
  if (field.ref) pdf.markChanged(field.ref);
}
