// An earlier state of an opened file (ISO 32000-1 §7.5.6): what a reader sees when it stops at
// one of the older cross-reference sections. The verifier compares each revision appended
// after a signature with the one before it; a view is read-only and shares the file's object
// store, so every object is located and scanned once however many revisions are compared.
import { PDFCatalog, PDFDict, PDFDocument, PDFRef, type PDFContext } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import type { IncrementalPdf } from './incremental-pdf.ts';
import { loadObjects } from './load-objects.ts';
import type { Entries } from './object-store.ts';
import { mergeEntries, trailerValue, type XrefChain, type XrefGroup } from './xref-read.ts';

export interface RevisionView {
  /** Index into the file's chain.groups (0 = newest) of the newest section this view reads. */
  group: number;
  entries: Entries;
  doc: PDFDocument;
  root: PDFRef;
}

type DocumentConstructor = new (context: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean) => PDFDocument;

/** The file as of chain.groups[group] and every older section. Throws SigningError when that state has no catalog. */
export function openView(pdf: IncrementalPdf, group: number): RevisionView {
  const groups: readonly XrefGroup[] = pdf.chain.groups.slice(group);
  const entries = mergeEntries(groups);
  const context = loadObjects(pdf.store, entries);
  const sub: XrefChain = { ...pdf.chain, groups: [...groups], entries };
  const root = trailerValue(sub, 'Root');
  const catalog = root instanceof PDFRef ? context.lookup(root) : undefined;
  if (!(root instanceof PDFRef) || !(catalog instanceof PDFDict)) {
    throw new SigningError('pdf.malformed', 'An earlier revision of the PDF has no usable /Root catalog.');
  }
  if (!(catalog instanceof PDFCatalog)) context.assign(root, PDFCatalog.fromMapWithContext(new Map(catalog.entries()), context));
  context.trailerInfo = { Root: root, Info: trailerValue(sub, 'Info'), ID: trailerValue(sub, 'ID') };
  const doc = new (PDFDocument as unknown as DocumentConstructor)(context, true, false);
  return { group, entries, doc, root };
}
