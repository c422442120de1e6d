// In-memory PDF fixtures for the PDF layer's tests, built at test time (no committed binaries):
// pdf-lib output with a classic table or an xref stream, forms, hand-written updates and a
// hybrid-reference file. External producers (qpdf, poppler, ghostscript) live in pdf-tools.ts.
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
export const fromLatin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

export interface BaseOptions {
  pages?: number;
  /** true: object streams + xref stream (pdf-lib default); false: classic xref table. */
  objectStreams?: boolean;
  title?: string;
  /** Adds an AcroForm with two text fields (one nested under a parent). */
  textFields?: boolean;
}

export async function basePdf(opts: BaseOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (opts.pages ?? 2); i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Trang ${i + 1}`, { x: 50, y: 780, font, size: 18 });
  }
  doc.setTitle(opts.title ?? 'fixture');
  if (opts.textFields) {
    const form = doc.getForm();
    form.createTextField('so_van_ban').addToPage(doc.getPage(0), { x: 50, y: 700, width: 200, height: 20 });
    form.createTextField('nguoi_ky.ho_ten').addToPage(doc.getPage(0), { x: 50, y: 650, width: 200, height: 20 });
    form.getTextField('so_van_ban').setText('123/QD-UBND');
  }
  return doc.save({ useObjectStreams: opts.objectStreams ?? false });
}

/** Values of the newest trailer, read with regular expressions (independent of the code under test). */
export function lastTrailer(bytes: Uint8Array): { startxref: number; size: number; root: string; info?: string } {
  const s = latin1(bytes);
  const startxref = Number(/startxref\s+(\d+)/.exec(s.slice(s.lastIndexOf('startxref')))?.[1]);
  const last = (re: RegExp) => [...s.matchAll(re)].at(-1)?.[1];
  return {
    startxref,
    size: Number(last(/\/Size (\d+)/g)),
    root: last(/\/Root (\d+ \d+ R)/g) as string,
    info: last(/\/Info (\d+ \d+ R)/g),
  };
}

/**
 * Appends a hand-written incremental update with a classic xref table. `objects` are
 * [number, body] written in order; `xrefFor` chooses which offset each xref entry gets
 * (default: the object's own), so tests can write stale or unlisted copies.
 */
export function appendClassicUpdate(
  bytes: Uint8Array,
  objects: [number, string][],
  opts: { listed?: number[]; sizeAtLeast?: number; trailerExtra?: string } = {},
): Uint8Array {
  const t = lastTrailer(bytes);
  let out = latin1(bytes);
  if (!out.endsWith('\n')) out += '\n';
  const offsets = new Map<number, number>();
  for (const [num, body] of objects) {
    if (!offsets.has(num) || opts.listed === undefined) offsets.set(num, out.length);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const listed = [...offsets.keys()].filter((n) => !opts.listed || opts.listed.includes(n)).sort((a, b) => a - b);
  const xref = out.length;
  out += 'xref\n';
  for (const n of listed) out += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n`;
  const size = Math.max(t.size, opts.sizeAtLeast ?? 0, ...listed.map((n) => n + 1));
  out += `trailer\n<< /Size ${size} /Root ${t.root}${t.info ? ` /Info ${t.info}` : ''} /Prev ${t.startxref}${opts.trailerExtra ?? ''} >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return fromLatin1(out);
}

/**
 * A hybrid-reference file (ISO 32000-1 §7.5.8.4): the page's /Resources (object 4) lives in an
 * object stream that only the /XRefStm stream lists; the classic table marks it free.
 */
export function hybridPdf(): Uint8Array {
  let s = '%PDF-1.5\n%\xe2\xe3\xcf\xd3\n';
  const off: number[] = [];
  const obj = (n: number, body: string) => {
    off[n] = s.length;
    s += `${n} 0 obj\n${body}\nendobj\n`;
  };
  const content = 'BT /F1 24 Tf 72 720 Td (Hybrid) Tj ET';
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 4 0 R /Contents 5 0 R >>');
  obj(5, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  const inner = '<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>';
  const header = '4 0 ';
  obj(6, `<< /Type /ObjStm /N 1 /First ${header.length} /Length ${header.length + inner.length} >>\nstream\n${header}${inner}\nendstream`);
  // W [1 2 1], Index [4 1]: type 2, object stream 6, index 0 — stored uncompressed.
  const row = String.fromCharCode(2, 0, 6, 0);
  obj(7, `<< /Type /XRef /Size 8 /W [1 2 1] /Index [4 1] /Length ${row.length} >>\nstream\n${row}\nendstream`);
  const xref = s.length;
  s += 'xref\n0 8\n0000000000 65535 f\r\n';
  for (let n = 1; n < 8; n++) s += n === 4 ? '0000000000 00001 f\r\n' : `${String(off[n]).padStart(10, '0')} 00000 n\r\n`;
  s += `trailer\n<< /Size 8 /Root 1 0 R /XRefStm ${off[7]} /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return fromLatin1(s);
}

/** A DER value that looks like a CMS ContentInfo (SEQUENCE) of `size` bytes, ending in zeros. */
export function dummyCms(size = 64, fill = 0xab): Uint8Array {
  const out = new Uint8Array(size).fill(fill);
  out[0] = 0x30;
  out[1] = 0x82;
  out[2] = ((size - 4) >> 8) & 0xff;
  out[3] = (size - 4) & 0xff;
  out[size - 1] = 0; // trailing zero bytes inside the value: must not be trimmed away
  out[size - 2] = 0;
  return out;
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && Buffer.compare(bytes.subarray(0, prefix.length), prefix) === 0;
}
