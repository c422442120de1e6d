// An opened PDF plus everything needed to append an incremental update to it (ISO 32000-1
// §7.5.6). `doc` is an ordinary pdf-lib document for building objects; `save()` never rewrites
// the original bytes — it appends the objects created or changed since open.
import { PDFCatalog, PDFContext, PDFDict, PDFDocument, PDFHeader, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { ChangeTracker } from './change-tracker.ts';
import { concatBytes } from './bytes.ts';
import { readFrame, type FileFrame } from './file-structure.ts';
import { writeUpdate, type WrittenUpdate } from './incremental-writer.ts';
import { lazyObjectsOf } from './lazy-objects.ts';
import { LIMITS } from './limits.ts';
import { loadObjects, scanObjects } from './load-objects.ts';
import { deflateNatively } from './native-deflate.ts';
import { ObjectStore } from './object-store.ts';
import { checkPageTree } from './page-tree-check.ts';
import { pageAt } from './page-tree.ts';
import { DecodeBudget } from './stream-decode.ts';
import { readXrefChain, trailerValue, type XrefChain } from './xref-read.ts';


type DocumentConstructor = new (context: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean) => PDFDocument;

export class IncrementalPdf {
  readonly doc: PDFDocument;
  /** The exact input bytes; every update starts with them. */
  readonly original: Uint8Array;
  readonly frame: FileFrame;
  readonly chain: XrefChain;
  /** /Size of the last trailer: the /Size the next trailer starts from. */
  readonly originalSize: number;
  /**
   * New objects are numbered from here on: above /Size and above every number an existing
   * object refers to, so no reference made before this update can reach a new object.
   */
  readonly firstNewNumber: number;
  /** Every object of the file, located and scanned (shared with revision views). */
  readonly store: ObjectStore;
  private readonly tracker: ChangeTracker;
  private readonly marked = new Set<PDFRef>();

  private constructor(
    doc: PDFDocument,
    original: Uint8Array,
    frame: FileFrame,
    chain: XrefChain,
    sizes: { size: number; firstNew: number },
    store: ObjectStore,
    tracker: ChangeTracker,
  ) {
    this.doc = doc;
    this.original = original;
    this.frame = frame;
    this.chain = chain;
    this.originalSize = sizes.size;
    this.firstNewNumber = sizes.firstNew;
    this.store = store;
    this.tracker = tracker;
  }

  /** Opens a PDF; throws only SigningError ('pdf.malformed', 'pdf.encrypted', 'pdf.too_complex'). */
  static async open(bytes: Uint8Array): Promise<IncrementalPdf> {
    try {
      if (!(bytes instanceof Uint8Array)) throw new SigningError('pdf.malformed', 'Not a PDF file: no bytes given.');
      // Our own copy: objects are views into it (object-parse.ts), so the caller may reuse theirs.
      return await IncrementalPdf.openUnchecked(new Uint8Array(bytes)); // a copy, even of a Buffer
    } catch (err) {
      if (err instanceof SigningError) throw err;
      throw new SigningError('pdf.malformed', `The PDF cannot be read: ${(err as Error)?.message ?? String(err)}.`, { cause: err });
    }
  }

  private static async openUnchecked(bytes: Uint8Array): Promise<IncrementalPdf> {
    const frame = readFrame(bytes);
    const budget = new DecodeBudget();
    const chain = readXrefChain(bytes, frame.startxref, frame.headerOffset, PDFContext.create(), budget);
    // §7.6.1: an encrypted file's strings and streams need the key; refuse rather than guess.
    if (trailerValue(chain, 'Encrypt') !== undefined) {
      throw new SigningError('pdf.encrypted', 'The PDF is encrypted; remove the password protection before signing.');
    }
    const store = new ObjectStore(bytes, chain, budget);
    const { maxRef } = scanObjects(store, chain.entries);
    const tracker = new ChangeTracker();
    const context = loadObjects(store, chain.entries, (ref, obj) => tracker.record(ref, obj));
    deflateNatively(context);
    const root = trailerValue(chain, 'Root');
    const catalog = root instanceof PDFRef ? context.lookup(root) : undefined;
    if (!(root instanceof PDFRef) || !(catalog instanceof PDFDict)) {
      throw new SigningError('pdf.malformed', 'The PDF is damaged: the trailer has no usable /Root catalog.');
    }
    // pdf-lib types dictionaries by /Type while parsing; a catalog without it is still ours.
    if (!(catalog instanceof PDFCatalog)) {
      const typed = PDFCatalog.fromMapWithContext(new Map(catalog.entries()), context);
      context.assign(root, typed);
      tracker.record(root, typed); // the same dictionary, not a change to write
    }
    const info = trailerValue(chain, 'Info');
    context.trailerInfo = { Root: root, Info: info, ID: trailerValue(chain, 'ID') };
    const [major, minor] = frame.version.split('.').map(Number) as [number, number];
    context.header = PDFHeader.forVersion(major, minor);
    checkPageTree(store, chain.entries, root.objectNumber);
    const size = lastSize(chain);
    const firstNew = Math.max(size, maxRef + 1);
    // New objects would be numbered past what any reader (ours included) accepts.
    if (firstNew > LIMITS.objects) {
      throw new SigningError('pdf.too_complex', `The PDF declares or refers to object numbers up to ${firstNew - 1}; at most ${LIMITS.objects} objects are read.`);
    }
    context.largestObjectNumber = Math.max(context.largestObjectNumber, firstNew - 1);
    // PDFDocument's constructor is private in the typings; load() calls exactly this.
    const doc = new (PDFDocument as unknown as DocumentConstructor)(context, true, false);
    let first: unknown;
    try {
      first = pageAt(doc, 0); // not getPageCount(): that would read every page of the file
    } catch (err) {
      throw new SigningError('pdf.malformed', `The PDF's page tree is damaged (${(err as Error)?.message}).`, { cause: err });
    }
    if (!first) throw new SigningError('pdf.malformed', 'The PDF has no pages.');
    return new IncrementalPdf(doc, bytes, frame, chain, { size, firstNew }, store, tracker);
  }

  /** Declares an original object modified (needed for in-place edits of stream data). */
  markChanged(ref: PDFRef): void {
    this.marked.add(ref);
  }

  /** Original bytes followed by one incremental update; the original alone if nothing changed. */
  async save(): Promise<Uint8Array> {
    return (await this.saveUpdate()).bytes;
  }

  /** Like save(), also returning where each written object starts. */
  async saveUpdate(): Promise<WrittenUpdate> {
    await this.doc.flush(); // pdf-lib embeds fonts, images and pages only here
    const context = this.doc.context;
    const objects: [PDFRef, PDFObject][] = [];
    // Objects never read from the file cannot have changed: only walk what is in memory.
    const inMemory = [...(lazyObjectsOf(context)?.loadedEntries() ?? context.enumerateIndirectObjects())];
    for (const [ref, obj] of inMemory) {
      if (this.marked.has(ref) || this.tracker.differs(ref, obj)) objects.push([ref, obj]);
    }
    if (objects.length === 0) return { bytes: concatBytes([this.original]), offsets: new Map() };
    return writeUpdate({
      original: this.original,
      context,
      objects,
      sectionKind: this.chain.groups[0]?.section.kind ?? 'table',
      prev: this.chain.prev,
      base: this.chain.base,
      size: this.firstNewNumber,
      root: context.trailerInfo.Root as PDFObject,
      info: context.trailerInfo.Info,
      id: context.trailerInfo.ID,
    });
  }

  /** True when `ref` existed in the file as opened. */
  isOriginal(ref: PDFRef): boolean {
    return this.tracker.isOriginal(ref) || (lazyObjectsOf(this.doc.context)?.isPending(ref) ?? false);
  }
}

/** Newest /Size, never below the highest object number any section lists (§7.5.5 Table 15). */
function lastSize(chain: XrefChain): number {
  const v = chain.groups[0]?.section.dict.get(PDFName.of('Size'));
  let size = v instanceof PDFNumber && Number.isSafeInteger(v.asNumber()) ? v.asNumber() : 0;
  for (const num of chain.entries.keys()) size = Math.max(size, num + 1);
  return size;
}

export function openPdf(bytes: Uint8Array): Promise<IncrementalPdf> {
  return IncrementalPdf.open(bytes);
}
