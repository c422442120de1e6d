// Walking the interactive form (ISO 32000-1 §12.7.2 AcroForm, §12.7.3.1 field tree): fully
// qualified names (§12.7.3.2: partial names joined by periods), inherited /FT, and the widget
// annotations of each terminal field (a field and its single widget may share one dictionary,
// §12.5.6.19). Damaged trees (cycles, non-dictionaries) are skipped, not followed.
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { readText } from './pdf-text.ts';

export interface FormField {
  /** Fully qualified name, e.g. "approvals.Signature1". */
  name: string;
  ref?: PDFRef;
  dict: PDFDict;
  /** /FT, inherited from ancestors when absent. */
  type?: string;
  widgets: { ref?: PDFRef; dict: PDFDict }[];
}

const MAX_DEPTH = 32;

function deref(doc: PDFDocument, obj: PDFObject | undefined): { ref?: PDFRef; obj?: PDFObject } {
  if (obj instanceof PDFRef) return { ref: obj, obj: doc.context.lookup(obj) };
  return { obj };
}

export function acroFormDict(doc: PDFDocument): PDFDict | undefined {
  const acro = doc.context.lookup(doc.catalog.get(PDFName.of('AcroForm')));
  return acro instanceof PDFDict ? acro : undefined;
}

export function listFields(doc: PDFDocument): FormField[] {
  const acro = acroFormDict(doc);
  const fields = acro && doc.context.lookup(acro.get(PDFName.of('Fields')));
  const out: FormField[] = [];
  if (!(fields instanceof PDFArray)) return out;
  const seen = new Set<PDFDict>();
  const visit = (item: PDFObject | undefined, parentName: string, parentType: string | undefined, depth: number) => {
    const { ref, obj } = deref(doc, item);
    if (!(obj instanceof PDFDict) || seen.has(obj) || depth > MAX_DEPTH) return;
    seen.add(obj);
    const partial = readText(obj.get(PDFName.of('T')));
    const name = partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ft = obj.get(PDFName.of('FT'));
    const type = ft instanceof PDFName ? ft.decodeText() : parentType;
    const kids = doc.context.lookup(obj.get(PDFName.of('Kids')));
    const kidFields: PDFObject[] = [];
    const widgets: FormField['widgets'] = [];
    if (obj.get(PDFName.of('Subtype')) === PDFName.of('Widget')) widgets.push({ ref, dict: obj });
    if (kids instanceof PDFArray) {
      for (const kid of kids.asArray()) {
        const k = deref(doc, kid);
        if (!(k.obj instanceof PDFDict)) continue;
        // A kid without /T that is a widget is this field's annotation, not a field of its own.
        if (!k.obj.has(PDFName.of('T')) && k.obj.get(PDFName.of('Subtype')) === PDFName.of('Widget')) {
          widgets.push({ ref: k.ref, dict: k.obj });
        } else kidFields.push(kid);
      }
    }
    if (kidFields.length === 0) out.push({ name, ref, dict: obj, type, widgets });
    for (const kid of kidFields) visit(kid, name, type, depth + 1);
  };
  for (const item of fields.asArray()) visit(item, '', undefined, 0);
  return out;
}

/** The first free "Signature<N>" name (N ≥ 1), as viewers name new signature fields. */
export function uniqueSignatureName(fields: readonly FormField[]): string {
  const names = new Set(fields.map((f) => f.name));
  for (let n = 1; ; n++) if (!names.has(`Signature${n}`)) return `Signature${n}`;
}
