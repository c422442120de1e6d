// Appending one incremental update (ISO 32000-1 §7.5.6): the new and changed objects, then a
// cross-reference section for exactly those objects and a trailer whose /Prev points at the
// previous section. The original bytes are copied untouched, so every earlier /ByteRange
// still covers what it covered. The section type follows the previous one: a table after a
// table (§7.5.4), a cross-reference stream after a stream (§7.5.8).
import { createHash } from 'node:crypto';
import { PDFArray, PDFCrossRefStream, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFDict, type PDFObject } from 'pdf-lib';
import { ascii, concatBytes, eolLength, toHex } from './bytes.ts';

export interface UpdatePlan {
  original: Uint8Array;
  context: PDFContext;
  /** Objects to write, any order. */
  objects: [PDFRef, PDFObject][];
  sectionKind: 'table' | 'stream';
  /** The last `startxref` value as written: our /Prev. */
  prev: number;
  /** Shift between offsets as written and absolute positions (junk before `%PDF-`). */
  base: number;
  /** The first object number free for new objects (at least the previous trailer's /Size). */
  size: number;
  root: PDFObject;
  info?: PDFObject;
  id?: PDFObject;
}

export interface WrittenUpdate {
  bytes: Uint8Array;
  /** Absolute offset of each written object's `N G obj`. */
  offsets: Map<PDFRef, number>;
}

export function serializeObject(obj: PDFObject): Uint8Array {
  const buf = new Uint8Array(obj.sizeInBytes());
  const n = obj.copyBytesInto(buf, 0);
  return n === buf.length ? buf : buf.subarray(0, n);
}

function indirect(ref: PDFRef, obj: PDFObject): Uint8Array[] {
  return [ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`), serializeObject(obj), ascii('\nendobj\n')];
}

/**
 * §14.4: the first /ID element identifies the document and must not change; the second
 * identifies this version, so it is derived from the bytes of this update (deterministic).
 */
function fileId(plan: UpdatePlan, body: Uint8Array[]): PDFArray {
  const h = createHash('sha256').update(String(plan.original.length));
  for (const part of body) h.update(part);
  const fresh = PDFHexString.of(toHex(h.digest().subarray(0, 16)).toUpperCase());
  const old = plan.id instanceof PDFArray ? plan.id.get(0) : undefined;
  const first = old instanceof PDFHexString || old instanceof PDFString ? old : fresh;
  return plan.context.obj([first, fresh]) as PDFArray;
}

function trailerDict(plan: UpdatePlan, size: number, id: PDFArray): PDFDict {
  const dict = plan.context.obj({}) as PDFDict;
  dict.set(PDFName.of('Size'), PDFNumber.of(size));
  dict.set(PDFName.of('Root'), plan.root);
  if (plan.info) dict.set(PDFName.of('Info'), plan.info);
  dict.set(PDFName.of('ID'), id);
  dict.set(PDFName.of('Prev'), PDFNumber.of(plan.prev));
  return dict;
}

export function writeUpdate(plan: UpdatePlan): WrittenUpdate {
  const objects = [...plan.objects].sort((a, b) => a[0].objectNumber - b[0].objectNumber);
  const { original, base } = plan;
  const parts: Uint8Array[] = [];
  let pos = original.length;
  const push = (p: Uint8Array) => {
    parts.push(p);
    pos += p.length;
  };
  // Our first object must start on a new line (§7.5.6 appends after the `%%EOF` line).
  if (original.length > 0 && eolLength(original, original.length - 1) === 0) push(ascii('\n'));
  const offsets = new Map<PDFRef, number>();
  for (const [ref, obj] of objects) {
    offsets.set(ref, pos);
    for (const p of indirect(ref, obj)) push(p);
  }
  const maxNum = objects.reduce((m, [ref]) => Math.max(m, ref.objectNumber), 0);
  const id = fileId(plan, parts);
  const xrefAt = pos;
  if (plan.sectionKind === 'table') {
    const size = Math.max(plan.size, maxNum + 1);
    push(ascii(xrefTable(objects.map(([ref]) => [ref, (offsets.get(ref) as number) - base]))));
    push(ascii('trailer\n'));
    push(serializeObject(trailerDict(plan, size, id)));
    push(ascii('\n'));
  } else {
    const xrefNum = Math.max(plan.size, maxNum + 1);
    const xrefRef = PDFRef.of(xrefNum);
    const stream = PDFCrossRefStream.of(trailerDict(plan, xrefNum + 1, id), [], true);
    for (const [ref] of objects) stream.addUncompressedEntry(ref, (offsets.get(ref) as number) - base);
    stream.addUncompressedEntry(xrefRef, xrefAt - base);
    offsets.set(xrefRef, xrefAt);
    for (const p of indirect(xrefRef, stream)) push(p);
  }
  push(ascii(`startxref\n${xrefAt - base}\n%%EOF\n`));
  return { bytes: concatBytes([original, ...parts]), offsets };
}

/** §7.5.4: subsections of consecutive object numbers; each entry exactly 20 bytes. */
function xrefTable(entries: [PDFRef, number][]): string {
  let out = 'xref\n';
  for (let i = 0; i < entries.length; ) {
    let j = i + 1;
    while (j < entries.length && (entries[j] as [PDFRef, number])[0].objectNumber === (entries[j - 1] as [PDFRef, number])[0].objectNumber + 1) j++;
    out += `${(entries[i] as [PDFRef, number])[0].objectNumber} ${j - i}\n`;
    for (let k = i; k < j; k++) {
      const [ref, offset] = entries[k] as [PDFRef, number];
      out += `${String(offset).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n\r\n`;
    }
    i = j;
  }
  return out;
}
