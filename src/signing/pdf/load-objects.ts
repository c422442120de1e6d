// Building pdf-lib's object table from the cross-reference chain, so each object number holds
// the version the xref designates (§7.5.6: the newest section wins) — the one any reader, and
// any later signature check, will see. pdf-lib's own scan is only a fallback for entries whose
// offsets are wrong, and only where the object was never updated (otherwise: which copy?).
// When every entry points where it should, objects are parsed on first use (lazy-objects.ts).
import { PDFContext, PDFName, PDFNumber, PDFParser, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { SigningError } from '../errors.ts';
import { readUint, skipWhite } from './bytes.ts';
import { installLazyObjects, LazyObjectMap } from './lazy-objects.ts';
import { parseIndirectAt, parseObjectAt, readObjectHeader } from './object-parse.ts';
import { decodeStream } from './stream-decode.ts';
import type { XrefChain, XrefEntry } from './xref-read.ts';

interface ObjStm {
  data: Uint8Array;
  first: number;
  /** [object number, offset relative to /First] per index (§7.5.7). */
  pairs: [number, number][];
}

function isStructural(obj: PDFObject): boolean {
  if (!(obj instanceof PDFRawStream)) return false;
  const type = obj.dict.get(PDFName.of('Type'));
  return type === PDFName.of('ObjStm') || type === PDFName.of('XRef');
}

class XrefResolver {
  private readonly objStms = new Map<number, ObjStm | Error>();
  private readonly bytes: Uint8Array;
  private readonly chain: XrefChain;
  private readonly context: PDFContext;

  constructor(bytes: Uint8Array, chain: XrefChain, context: PDFContext) {
    this.bytes = bytes;
    this.chain = chain;
    this.context = context;
  }

  resolve(num: number, entry: Exclude<XrefEntry, { kind: 'free' }>): { ref: PDFRef; object: PDFObject } {
    if (entry.kind === 'offset') {
      const { object } = parseIndirectAt(this.bytes, entry.offset, this.context, { num, gen: entry.gen });
      return { ref: PDFRef.of(num, entry.gen), object };
    }
    const stm = this.objStm(entry.stream);
    const pair = stm.pairs[entry.index];
    if (!pair || pair[0] !== num) throw new Error(`object ${num} is not at index ${entry.index} of object stream ${entry.stream}`);
    const at = stm.first + pair[1];
    return { ref: PDFRef.of(num, 0), object: parseObjectAt(stm.data, at, this.context) };
  }

  /** Whether the entry leads to object `num` without parsing it: the header at the offset, the index in the object stream. */
  locates(num: number, entry: Exclude<XrefEntry, { kind: 'free' }>): boolean {
    if (entry.kind === 'offset') {
      const header = readObjectHeader(this.bytes, entry.offset);
      return header?.num === num && header.gen === entry.gen;
    }
    try {
      return this.objStm(entry.stream).pairs[entry.index]?.[0] === num;
    } catch {
      return false;
    }
  }

  private objStm(num: number): ObjStm {
    let stm = this.objStms.get(num);
    if (!stm) {
      try {
        stm = this.readObjStm(num);
      } catch (err) {
        stm = err instanceof Error ? err : new Error(String(err));
      }
      this.objStms.set(num, stm);
    }
    if (stm instanceof Error) throw stm;
    return stm;
  }

  /** §7.5.7: /N pairs of "objnum offset" integers, then the objects from /First on. */
  private readObjStm(num: number): ObjStm {
    const entry = this.chain.entries.get(num);
    if (entry?.kind !== 'offset') throw new Error(`object stream ${num} is not an uncompressed object`);
    const { object } = parseIndirectAt(this.bytes, entry.offset, this.context, { num, gen: entry.gen });
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Type')) !== PDFName.of('ObjStm')) {
      throw new Error(`object ${num} is not an object stream`);
    }
    const n = object.dict.get(PDFName.of('N'));
    const first = object.dict.get(PDFName.of('First'));
    if (!(n instanceof PDFNumber) || !(first instanceof PDFNumber)) throw new Error(`object stream ${num} lacks /N or /First`);
    const data = decodeStream(object);
    const pairs: [number, number][] = [];
    let i = 0;
    for (let k = 0; k < n.asNumber() && i < data.length; k++) {
      const a = readUint(data, skipWhite(data, i));
      const b = a && readUint(data, skipWhite(data, a.end));
      if (!a || !b) break;
      pairs.push([a.value, b.value]);
      i = b.end;
    }
    return { data, first: first.asNumber(), pairs };
  }
}

function resolveAll(bytes: Uint8Array, chain: XrefChain, context: PDFContext): number[] {
  const resolver = new XrefResolver(bytes, chain, context);
  const failed: number[] = [];
  for (const [num, entry] of chain.entries) {
    if (entry.kind === 'free' || num === 0) continue;
    try {
      const { ref, object } = resolver.resolve(num, entry);
      if (!isStructural(object)) context.assign(ref, object);
    } catch {
      failed.push(num);
    }
  }
  return failed;
}

/**
 * A context whose objects are parsed on first lookup, or undefined when some entry does not
 * lead to its object (then the whole file must be read, and possibly scanned, up front).
 */
function lazyContext(bytes: Uint8Array, chain: XrefChain, onLoad: (ref: PDFRef, obj: PDFObject) => void): PDFContext | undefined {
  const context = PDFContext.create();
  const resolver = new XrefResolver(bytes, chain, context);
  const refs: PDFRef[] = [];
  const entries = new Map<PDFRef, [number, Exclude<XrefEntry, { kind: 'free' }>]>();
  for (const [num, entry] of chain.entries) {
    if (entry.kind === 'free' || num === 0) continue;
    if (!resolver.locates(num, entry)) return undefined;
    const ref = PDFRef.of(num, entry.kind === 'offset' ? entry.gen : 0);
    refs.push(ref);
    entries.set(ref, [num, entry]);
  }
  const load = (ref: PDFRef): PDFObject | undefined => {
    const [num, entry] = entries.get(ref) as [number, Exclude<XrefEntry, { kind: 'free' }>];
    let object: PDFObject;
    try {
      object = resolver.resolve(num, entry).object;
    } catch (err) {
      // Same outcome as an eager read that finds the object unreadable: the file is damaged.
      throw new SigningError('pdf.malformed', `The PDF is damaged: object ${num} cannot be read (${(err as Error).message}).`, { cause: err });
    }
    return isStructural(object) ? undefined : object;
  };
  installLazyObjects(context, new LazyObjectMap(refs, load, onLoad));
  return context;
}

/**
 * Returns a pdf-lib context holding the current version of every object; `onLoad` sees each
 * object read from the file when it is read (all at once here, or on first use when lazy).
 * Throws 'pdf.malformed' when an updated object cannot be read through the xref, since a scan
 * could pick a stale copy.
 */
export async function loadObjects(bytes: Uint8Array, chain: XrefChain, onLoad: (ref: PDFRef, obj: PDFObject) => void = () => {}): Promise<PDFContext> {
  const lazy = lazyContext(bytes, chain, onLoad);
  if (lazy) return lazy;
  const context = await loadEagerly(bytes, chain);
  for (const [ref, obj] of context.enumerateIndirectObjects()) onLoad(ref, obj);
  return context;
}

async function loadEagerly(bytes: Uint8Array, chain: XrefChain): Promise<PDFContext> {
  let context = PDFContext.create();
  const failed = resolveAll(bytes, chain, context);
  if (failed.length === 0) return context;

  const ambiguous = failed.find((num) => (chain.definitions.get(num) ?? 0) > 1);
  if (ambiguous !== undefined) {
    throw new SigningError('pdf.malformed', `The PDF is damaged: updated object ${ambiguous} cannot be read at the offset its cross-reference entry gives.`);
  }
  try {
    context = await PDFParser.forBytesWithOptions(bytes, 500, false, false).parseDocument();
  } catch (err) {
    throw new SigningError('pdf.malformed', `The PDF is damaged: ${failed.length} object(s) cannot be read (${(err as Error).message}).`, { cause: err });
  }
  // Objects that can be read through the xref still override whatever the scan kept.
  resolveAll(bytes, chain, context);
  if (context.lookup(PDFRef.of(0))) context.delete(PDFRef.of(0));
  return context;
}
