// pdf-lib's object table, filled on demand. A signature reads the catalog, the page tree and
// the form; a 10 MB file is mostly page contents and images nobody looks at. Parsing every
// object at open cost more than the rest of signing together, so objects listed in the xref
// are parsed on first lookup instead (a stream's data is then a view, see object-parse.ts).
//
// Installed as PDFContext's private `indirectObjects` Map (pdf-lib 1.17.1): lookup() calls get(),
// assign() set(), delete() delete(). Anything that walks the whole table (pdf-lib's writers,
// getObjectRef, enumerateIndirectObjects) goes through the iterators, which load every pending
// object first, so pdf-lib never sees a partial table.
import type { PDFContext, PDFObject, PDFRef } from 'pdf-lib';

/** Parses the object `ref` from the file; undefined for objects pdf-lib must not see (ObjStm, XRef). */
export type ObjectLoader = (ref: PDFRef) => PDFObject | undefined;
/** The /Type name the scan saw in the file object `ref` when it is a dictionary (not a stream), without parsing it. */
export type TypePeek = (ref: PDFRef) => string | undefined;

export class LazyObjectMap extends Map<PDFRef, PDFObject> {
  private readonly pending: Set<PDFRef>;
  private readonly loader: ObjectLoader;
  /** Called once per object parsed from the file, before anyone can change it. */
  private readonly onLoad: (ref: PDFRef, obj: PDFObject) => void;
  private readonly peek: TypePeek;

  constructor(pending: Iterable<PDFRef>, loader: ObjectLoader, onLoad: (ref: PDFRef, obj: PDFObject) => void, peek: TypePeek = () => undefined) {
    super(); // Map's constructor calls set() for initial entries; pass none
    this.pending = new Set(pending);
    this.loader = loader;
    this.onLoad = onLoad;
    this.peek = peek;
  }

  /** For a file object not parsed yet, the /Type its scan saw (dictionaries only); else undefined. */
  pendingType(ref: PDFRef): string | undefined {
    return this.pending.has(ref) ? this.peek(ref) : undefined;
  }

  /** True when `ref` is a file object not parsed yet. */
  isPending(ref: PDFRef): boolean {
    return this.pending.has(ref);
  }

  /** The objects parsed or assigned so far, without loading the rest. */
  loadedEntries(): IterableIterator<[PDFRef, PDFObject]> {
    return super.entries();
  }

  private load(ref: PDFRef): PDFObject | undefined {
    this.pending.delete(ref); // first, so a failing object is not retried on every lookup
    const obj = this.loader(ref);
    if (obj === undefined) return undefined;
    super.set(ref, obj);
    this.onLoad(ref, obj);
    return obj;
  }

  loadAll(): void {
    for (const ref of [...this.pending]) this.load(ref);
  }

  override get(ref: PDFRef): PDFObject | undefined {
    return super.get(ref) ?? (this.pending.has(ref) ? this.load(ref) : undefined);
  }

  override has(ref: PDFRef): boolean {
    return super.has(ref) || (this.pending.has(ref) && this.load(ref) !== undefined);
  }

  override set(ref: PDFRef, obj: PDFObject): this {
    this.pending.delete(ref); // an assignment replaces the file's version
    return super.set(ref, obj);
  }

  override delete(ref: PDFRef): boolean {
    const had = this.pending.delete(ref);
    return super.delete(ref) || had;
  }

  override get size(): number {
    this.loadAll();
    return super.size;
  }

  override entries(): MapIterator<[PDFRef, PDFObject]> {
    this.loadAll();
    return super.entries();
  }

  override keys(): MapIterator<PDFRef> {
    this.loadAll();
    return super.keys();
  }

  override values(): MapIterator<PDFObject> {
    this.loadAll();
    return super.values();
  }

  override forEach(fn: (value: PDFObject, key: PDFRef, map: Map<PDFRef, PDFObject>) => void, thisArg?: unknown): void {
    this.loadAll();
    super.forEach(fn, thisArg);
  }

  override [Symbol.iterator](): MapIterator<[PDFRef, PDFObject]> {
    return this.entries();
  }
}

type ContextInternals = { indirectObjects: Map<PDFRef, PDFObject> };

export function installLazyObjects(context: PDFContext, map: LazyObjectMap): void {
  (context as unknown as ContextInternals).indirectObjects = map;
}

/** The lazy table of `context`, if it has one. */
export function lazyObjectsOf(context: PDFContext): LazyObjectMap | undefined {
  const map = (context as unknown as ContextInternals).indirectObjects;
  return map instanceof LazyObjectMap ? map : undefined;
}
