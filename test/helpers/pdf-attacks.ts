// A corpus of changes made after signing (issue 9.1), each appended as an incremental update to
// a file signed by our own signPdf, written by hand so nothing in the code under test shapes
// them. The classes follow PDF-Insecurity's work on signed PDFs: incremental saving attacks
// (content appended after the signature, with or without a fresh cross-reference section),
// shadow attacks (hide, replace, hide-and-replace: objects prepared before signing and brought
// into force afterwards), and "universal signature forgery"-style byte ranges.
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { buildSignedData } from '../../src/signing/cms/index.ts';
import { openPdf, prepareSignature } from '../../src/signing/pdf/index.ts';
import { signPdf } from '../../src/signing/sign-pdf.ts';
import type { Signer } from '../../src/signing/signer.ts';
import { appendClassicUpdate, basePdf, fromLatin1, lastTrailer, latin1 } from './pdf-fixtures.ts';

export interface UpdateObject {
  num: number;
  gen?: number;
  body: string;
}

export interface RawUpdate {
  /** Written and listed in the new cross-reference table. */
  objects?: UpdateObject[];
  /** Written but left out of the table (readers that scan the file still find them). */
  unlisted?: UpdateObject[];
  /** Entries listed without writing an object: an old offset, or a free entry. */
  entries?: { num: number; offset?: number; gen?: number; free?: boolean }[];
  /** Another /Root for the trailer ("N 0 R"). */
  root?: string;
  /** Stop after the objects (no table), or after the trailer (no startxref, no %%EOF). */
  stopAfter?: 'objects' | 'trailer';
}

/** Appends one hand-written incremental update (classic table) to `bytes` (ISO 32000-1 §7.5.6). */
export function appendUpdate(bytes: Uint8Array, update: RawUpdate): Uint8Array {
  const t = lastTrailer(bytes);
  let out = latin1(bytes);
  if (!out.endsWith('\n')) out += '\n';
  const rows: { num: number; line: string }[] = [];
  for (const o of update.unlisted ?? []) out += `${o.num} ${o.gen ?? 0} obj\n${o.body}\nendobj\n`;
  for (const o of update.objects ?? []) {
    rows.push({ num: o.num, line: `${String(out.length).padStart(10, '0')} ${String(o.gen ?? 0).padStart(5, '0')} n\r\n` });
    out += `${o.num} ${o.gen ?? 0} obj\n${o.body}\nendobj\n`;
  }
  if (update.stopAfter === 'objects') return fromLatin1(out);
  for (const e of update.entries ?? []) {
    rows.push({ num: e.num, line: `${String(e.free ? 0 : (e.offset ?? 0)).padStart(10, '0')} ${String(e.gen ?? 0).padStart(5, '0')} ${e.free ? 'f' : 'n'}\r\n` });
  }
  const xref = out.length;
  out += 'xref\n';
  for (const r of rows.sort((a, b) => a.num - b.num)) out += `${r.num} 1\n${r.line}`;
  const size = Math.max(t.size, ...rows.map((r) => r.num + 1));
  out += `trailer\n<< /Size ${size} /Root ${update.root ?? t.root}${t.info ? ` /Info ${t.info}` : ''} /Prev ${t.startxref} >>\n`;
  if (update.stopAfter === 'trailer') return fromLatin1(out);
  out += `startxref\n${xref}\n%%EOF\n`;
  return fromLatin1(out);
}

/** A content stream body (uncompressed). */
export const contentStream = (ops: string): string => `<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`;

/** A form XObject drawing `text` in Helvetica, for appearance streams and overlays. */
export const textForm = (text: string, w = 400, h = 60): string => {
  const ops = `BT /Helv 24 Tf 10 20 Td (${text}) Tj ET`;
  return `<< /Type /XObject /Subtype /Form /BBox [0 0 ${w} ${h}] /Resources << /Font << /Helv << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Length ${ops.length} >>\nstream\n${ops}\nendstream`;
};

/** Facts about a signed file the attacks need: object numbers and dictionaries as text. */
export async function anatomy(bytes: Uint8Array) {
  const pdf = await openPdf(bytes);
  const { doc } = pdf;
  const page = doc.getPage(0);
  const raw = page.node.get(PDFName.of('Contents'));
  const list = doc.context.lookup(raw);
  const contentRef = list instanceof PDFArray ? list.get(0) : raw;
  const acroRef = doc.catalog.get(PDFName.of('AcroForm'));
  const fonts = doc.context.lookup(page.node.Resources()?.get(PDFName.of('Font')));
  const fontRef = fonts instanceof PDFDict ? fonts.values()[0] : undefined;
  const sigDict = [...doc.context.enumerateIndirectObjects()].find(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Sig'));
  const field = [...doc.context.enumerateIndirectObjects()].find(([, o]) => o instanceof PDFDict && o.get(PDFName.of('FT')) === PDFName.of('Sig'));
  return {
    size: pdf.firstNewNumber,
    catalog: { num: (doc.context.trailerInfo.Root as PDFRef).objectNumber, text: doc.catalog.toString() },
    page: { num: page.ref.objectNumber, text: page.node.toString() },
    content: (contentRef as PDFRef).objectNumber,
    font: (fontRef as PDFRef | undefined)?.objectNumber,
    acroForm: acroRef instanceof PDFRef ? { num: acroRef.objectNumber, text: (doc.context.lookup(acroRef) as PDFDict).toString() } : undefined,
    sigDict: sigDict ? { num: sigDict[0].objectNumber, text: sigDict[1].toString() } : undefined,
    field: field ? { num: field[0].objectNumber, text: field[1].toString() } : undefined,
    isStream: (num: number) => doc.context.lookup(PDFRef.of(num)) instanceof PDFRawStream,
  };
}

/** `dict` text with `key`'s value replaced (or added) — for rewriting a dictionary in an update. */
export function withEntry(dict: string, key: string, value: string): string {
  const re = new RegExp(`/${key}\\s+(\\[[^\\]]*\\]|<<[^]*?>>|\\d+ \\d+ R|/[^\\s/<>\\[\\]()]+|\\([^)]*\\)|[-\\d.]+|true|false)`);
  return re.test(dict) ? dict.replace(re, `/${key} ${value}`) : dict.replace(/>>\s*$/, `/${key} ${value}\n>>`);
}

/** `dict` text with `ref` appended to the array under `key` (created when absent). */
export function withArrayItem(dict: string, key: string, ref: string): string {
  const re = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`);
  return re.test(dict) ? dict.replace(re, (_m, items: string) => `/${key} [${items} ${ref}]`) : withEntry(dict, key, `[${ref}]`);
}

export interface AttackCase {
  name: string;
  bytes: Uint8Array;
  /** What our verifier must say about the first signature. */
  status: 'modified' | 'invalid';
  /** A line of its modifications (or integrity problems, when invalid) must match. */
  reason: RegExp;
  /**
   * What poppler's pdfsig says of the first signature: 'valid' (its digest matches: pdfsig
   * checks the signed bytes only), or 'absent' (it does not see the signature at all).
   */
  pdfsig: 'valid' | 'absent';
}

export interface Corpus {
  /** The signed file most attacks start from: two pages, a form, one invisible B-B signature. */
  signed: Uint8Array;
  cases: AttackCase[];
}

/** Builds every attack. `signer` signs the base documents (ECDSA keeps it quick). */
export async function attackCorpus(signer: Signer): Promise<Corpus> {
  const base = await basePdf({ pages: 2, textFields: true });
  const signed = await signPdf(base, { signer, signingTime: new Date('2026-03-01T03:00:00Z') });
  const a = await anatomy(signed);
  const n = a.size; // first free object number
  const cases: AttackCase[] = [];
  const add = (c: AttackCase) => cases.push(c);

  add({
    name: 'page content replaced',
    bytes: appendUpdate(signed, { objects: [{ num: a.content, body: contentStream('BT /Helvetica-7098480789 30 Tf 50 700 Td (Da sua noi dung) Tj ET') }] }),
    status: 'modified',
    reason: new RegExp(`object ${a.content} \\(page 1 /Contents\\) changed`),
    pdfsig: 'valid',
  });
  add({
    name: 'FreeText annotation over the page',
    bytes: appendUpdate(signed, {
      objects: [
        { num: n, body: `<< /Type /Annot /Subtype /FreeText /Rect [40 680 440 760] /Contents (Da huy) /DA (/Helv 24 Tf 1 0 0 rg) /AP << /N ${n + 1} 0 R >> >>` },
        { num: n + 1, body: textForm('Da huy') },
        { num: a.page.num, body: withArrayItem(a.page.text, 'Annots', `${n} 0 R`) },
      ],
    }),
    status: 'modified',
    reason: new RegExp(`page 1's annotations gained object ${n} /Annot`),
    pdfsig: 'valid',
  });
  add({
    name: 'OpenAction with JavaScript',
    bytes: appendUpdate(signed, { objects: [{ num: a.catalog.num, body: withEntry(a.catalog.text, 'OpenAction', "<< /S /JavaScript /JS (app.alert\\('x'\\);) >>") }] }),
    status: 'modified',
    reason: /the catalog changed: an action run when the document opens/,
    pdfsig: 'valid',
  });
  add({
    name: 'document JavaScript in the name tree',
    bytes: appendUpdate(signed, {
      objects: [
        { num: n, body: '<< /JavaScript << /Names [(x) << /S /JavaScript /JS (app.alert\\(1\\);) >>] >> >>' },
        { num: a.catalog.num, body: withEntry(a.catalog.text, 'Names', `${n} 0 R`) },
      ],
    }),
    status: 'modified',
    reason: /the catalog changed: the name tree/,
    pdfsig: 'valid',
  });
  add({
    name: 'font swapped',
    bytes: appendUpdate(signed, { objects: [{ num: a.font as number, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>' }] }),
    status: 'modified',
    reason: new RegExp(`object ${a.font} \\(page 1 /Resources\\) changed`),
    pdfsig: 'valid',
  });
  add({
    name: 'page turned (/Rotate)',
    bytes: appendUpdate(signed, { objects: [{ num: a.page.num, body: withEntry(a.page.text, 'Rotate', '90') }] }),
    status: 'modified',
    reason: /page 1: \/Rotate changed/,
    pdfsig: 'valid',
  });

  // Unsigned signature widget: a /FT /Sig field without /V whose appearance paints over the page.
  const acro = a.acroForm as { num: number; text: string };
  add({
    name: 'unsigned signature widget painting over the page',
    bytes: appendUpdate(signed, {
      objects: [
        { num: n, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Fake) /F 4 /P ${a.page.num} 0 R /Rect [40 680 440 760] /AP << /N ${n + 1} 0 R >> >>` },
        { num: n + 1, body: textForm('Da huy') },
        { num: a.page.num, body: withArrayItem(a.page.text, 'Annots', `${n} 0 R`) },
        { num: acro.num, body: withArrayItem(acro.text, 'Fields', `${n} 0 R`) },
      ],
    }),
    status: 'modified',
    reason: /the new signature field \(Fake\) carries no signature made in this revision or later/,
    pdfsig: 'valid',
  });

  // A second field whose signature is a copy of the first: same /ByteRange and /Contents.
  const sig = a.sigDict as { num: number; text: string };
  add({
    name: 'new field with a copied signature dictionary',
    bytes: appendUpdate(signed, {
      objects: [
        { num: n, body: sig.text },
        { num: n + 1, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Copy) /F 132 /V ${n} 0 R /P ${a.page.num} 0 R /Rect [0 0 0 0] >>` },
        { num: acro.num, body: withArrayItem(acro.text, 'Fields', `${n + 1} 0 R`) },
      ],
    }),
    status: 'modified',
    reason: /the new signature field \(Copy\) carries no signature made in this revision or later/,
    pdfsig: 'valid',
  });
  add({
    name: 'new field sharing the first signature dictionary',
    bytes: appendUpdate(signed, {
      objects: [
        { num: n, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (Shared) /F 132 /V ${sig.num} 0 R /P ${a.page.num} 0 R /Rect [0 0 0 0] >>` },
        { num: acro.num, body: withArrayItem(acro.text, 'Fields', `${n} 0 R`) },
      ],
    }),
    status: 'modified',
    reason: /the new signature field \(Shared\) carries no signature/,
    pdfsig: 'valid',
  });

  // Object numbers: freed, reused with another generation.
  add({
    name: 'content stream freed',
    bytes: appendUpdate(signed, { entries: [{ num: a.content, free: true, gen: 1 }] }),
    status: 'modified',
    reason: new RegExp(`object ${a.content} is deleted \\(freed\\)`),
    pdfsig: 'valid',
  });
  add({
    name: 'object number reused with generation 1',
    bytes: appendUpdate(signed, { objects: [{ num: a.content, gen: 1, body: contentStream('BT /Helvetica-7098480789 30 Tf 50 700 Td (Gen 1) Tj ET') }] }),
    status: 'modified',
    reason: new RegExp(`object ${a.content} is reused with generation 1`),
    pdfsig: 'valid',
  });

  // Incremental saving attacks (ISA).
  const appendedObject = `${a.content} 0 obj\n${contentStream('BT /Helvetica-7098480789 30 Tf 50 700 Td (ISA) Tj ET')}\nendobj\n`;
  add({
    name: 'ISA: an object appended after %%EOF without a cross-reference section',
    bytes: fromLatin1(latin1(signed) + appendedObject),
    status: 'modified',
    reason: /byte\(s\) after the last %%EOF .* belong to no revision/,
    pdfsig: 'valid',
  });
  add({
    name: 'ISA: an update with a table and trailer but no startxref or %%EOF',
    bytes: appendUpdate(signed, { objects: [{ num: a.content, body: contentStream('BT /Helvetica-7098480789 30 Tf 50 700 Td (ISA) Tj ET') }], stopAfter: 'trailer' }),
    status: 'modified',
    reason: /belong to no revision/,
    pdfsig: 'valid',
  });
  add({
    name: 'ISA: a fresh cross-reference section that leaves the appended object out',
    bytes: appendUpdate(signed, {
      unlisted: [{ num: a.content, body: contentStream('BT /Helvetica-7098480789 30 Tf 50 700 Td (ISA) Tj ET') }],
      objects: [{ num: n, body: '<< /Note (decoy) >>' }],
    }),
    status: 'modified',
    reason: new RegExp(`holds object ${a.content} 0 at offset \\d+, which its cross-reference section does not list`),
    pdfsig: 'valid',
  });

  cases.push(...(await shadowAttacks(base, signer)));
  cases.push(...(await byteRangeAttacks(base, signer)));
  return { signed, cases };
}

/**
 * Shadow attacks: the document is prepared before signing (the signer sees nothing unusual),
 * and an update after signing brings the prepared objects into force.
 */
async function shadowAttacks(base: Uint8Array, signer: Signer): Promise<AttackCase[]> {
  const b = await anatomy(base);
  const shadowText = contentStream('BT /Helvetica-7098480789 30 Tf 50 700 Td (Ban da bi sua) Tj ET');
  const size = lastTrailer(base).size;
  const cases: AttackCase[] = [];

  // Hide: an unlisted copy of the content stream sits in the signed bytes; an update that
  // only lists it (no object of its own) brings it into force.
  const hidden = appendClassicUpdate(base, [[b.content, shadowText], [size, '<< /Note (harmless) >>']], { listed: [size] });
  const hiddenAt = latin1(hidden).lastIndexOf(`\n${b.content} 0 obj`) + 1;
  const hiddenSigned = await signPdf(hidden, { signer });
  cases.push({
    name: 'shadow hide: the update lists an unlisted copy prepared before signing',
    bytes: appendUpdate(hiddenSigned, { entries: [{ num: b.content, offset: hiddenAt }] }),
    status: 'modified',
    reason: new RegExp(`object ${b.content} is redefined at offset ${hiddenAt}, in the bytes of an earlier revision`),
    pdfsig: 'valid',
  });

  // Replace: an orphan content stream prepared before signing; the update points the page at it.
  const prepared = appendClassicUpdate(base, [[size, shadowText]]);
  const preparedSigned = await signPdf(prepared, { signer });
  const p = await anatomy(preparedSigned);
  cases.push({
    name: 'shadow replace: the page is pointed at content prepared before signing',
    bytes: appendUpdate(preparedSigned, { objects: [{ num: p.page.num, body: withEntry(p.page.text, 'Contents', `[${size} 0 R]`) }] }),
    status: 'modified',
    reason: /page 1: its content \(\/Contents\) changed/,
    pdfsig: 'valid',
  });

  // Hide-and-replace: a whole shadow document (catalog, page tree, page, content) prepared
  // before signing; the update is a bare trailer naming the shadow catalog.
  const s = size;
  const shadowDoc = appendClassicUpdate(base, [
    [s, `<< /Type /Catalog /Pages ${s + 1} 0 R >>`],
    [s + 1, `<< /Type /Pages /Kids [${s + 2} 0 R] /Count 1 >>`],
    [s + 2, `<< /Type /Page /Parent ${s + 1} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /Helvetica-7098480789 ${b.font} 0 R >> >> /Contents ${s + 3} 0 R >>`],
    [s + 3, shadowText],
  ]);
  const shadowSigned = await signPdf(shadowDoc, { signer });
  cases.push({
    name: 'shadow hide-and-replace: a bare trailer names a catalog prepared before signing',
    bytes: appendUpdate(shadowSigned, { root: `${s} 0 R` }),
    status: 'modified',
    reason: /the trailer names another catalog/,
    pdfsig: 'absent',
  });

  // A reference prepared before signing to an object that does not exist yet (null), which an
  // update then defines: the page draws it although no signed object changed.
  const drawn = contentStream('q 1 0 0 1 40 680 cm /Sh Do Q');
  const pageWithShadow = `<< /Type /Page /Parent 1 0 R /MediaBox [0 0 595 842] /Resources << /Font << /Helvetica-7098480789 ${b.font} 0 R >> /XObject << /Sh ${size + 40} 0 R >> >> /Contents [${b.content} 0 R ${size} 0 R] /Annots [] >>`;
  const dangling = appendClassicUpdate(base, [
    [b.page.num, pageWithShadow],
    [size, drawn],
  ]);
  const danglingSigned = await signPdf(dangling, { signer });
  cases.push({
    name: 'a reference prepared before signing comes alive: its object is defined afterwards',
    bytes: appendUpdate(danglingSigned, { objects: [{ num: size + 40, body: textForm('Da huy') }] }),
    status: 'modified',
    reason: new RegExp(`object ${size + 40} is new, yet the signed revision already referred to it`),
    pdfsig: 'valid',
  });

  // A freed object brought back: freed before signing, defined again after.
  const withFree = appendUpdate(appendClassicUpdate(base, [[size, '<< /Note (old) >>']]), { entries: [{ num: size, free: true, gen: 1 }] });
  const freedSigned = await signPdf(withFree, { signer });
  cases.push({
    name: 'an object freed before signing is defined again',
    bytes: appendUpdate(freedSigned, { objects: [{ num: size, gen: 1, body: '<< /Note (back) >>' }] }),
    status: 'modified',
    reason: new RegExp(`object ${size} was deleted in an earlier revision and is defined again`),
    pdfsig: 'valid',
  });
  return cases;
}

/** A signature over a hand-chosen /ByteRange, signed correctly over exactly those bytes. */
async function signRange(base: Uint8Array, signer: Signer, shape: (r: [number, number, number, number], end: number) => [number, number, number, number]): Promise<Uint8Array> {
  const prepared = await prepareSignature(await openPdf(base), { subFilter: 'ETSI.CAdES.detached', contentsSize: 4096 });
  const bytes = Uint8Array.from(prepared.bytes);
  const range = shape(prepared.byteRange, bytes.length);
  const text = latin1(bytes);
  const at = text.lastIndexOf('/ByteRange [') + '/ByteRange '.length;
  const old = text.slice(at, text.indexOf(']', at) + 1);
  bytes.set(fromLatin1(`[${range.join(' ')}`.padEnd(old.length - 1, ' ') + ']'), at);
  const [x, y, z, w] = range;
  const digest = createHash('sha256').update(bytes.subarray(x, x + y)).update(bytes.subarray(z, z + w)).digest();
  const cms = await buildSignedData({ digest: new Uint8Array(digest), signer });
  bytes.set(fromLatin1(Buffer.from(cms).toString('hex').toUpperCase()), prepared.contentsOffset);
  return bytes;
}

async function byteRangeAttacks(base: Uint8Array, signer: Signer): Promise<AttackCase[]> {
  return [
    {
      name: '/ByteRange that does not start at 0',
      bytes: await signRange(base, signer, ([, b, c, d]) => [1, b - 1, c, d]),
      status: 'invalid',
      reason: /\/ByteRange does not start at 0/,
      pdfsig: 'valid',
    },
    {
      name: '/ByteRange whose gap is more than /Contents',
      bytes: await signRange(base, signer, ([a, b, c, d]) => [a, b - 20, c, d]),
      status: 'invalid',
      reason: /the bytes excluded by \/ByteRange are not exactly the \/Contents string/,
      pdfsig: 'valid',
    },
    {
      name: '/ByteRange that stops before the end of its revision',
      bytes: await signRange(base, signer, ([a, b, c, d]) => [a, b, c, d - 7]),
      status: 'invalid',
      reason: /\/ByteRange does not end at the end of a revision/,
      pdfsig: 'valid',
    },
  ];
}

export interface Stamper {
  /** A timestamp token over `digest` (SHA-256), from a TSA. */
  (digest: Uint8Array): Promise<Uint8Array>;
}

/** A document timestamp (ETSI EN 319 142-1 §5.4.3) appended to `bytes`. */
export async function documentTimestamp(bytes: Uint8Array, stampDigest: Stamper): Promise<Uint8Array> {
  const { embedSignature } = await import('../../src/signing/pdf/index.ts');
  const prepared = await prepareSignature(await openPdf(bytes), { subFilter: 'ETSI.RFC3161', contentsSize: 16_384 });
  return embedSignature(prepared, await stampDigest(prepared.digest));
}

/** Fills the text field `name` through pdf-lib's form API, as one incremental update. */
export async function fillField(bytes: Uint8Array, name: string, value: string): Promise<Uint8Array> {
  const pdf = await openPdf(bytes);
  const form = pdf.doc.getForm();
  form.getTextField(name).setText(value);
  form.updateFieldAppearances();
  return pdf.save();
}

/** A comment (/Text annotation) on page 1, as one incremental update. */
export async function addComment(bytes: Uint8Array): Promise<Uint8Array> {
  const a = await anatomy(bytes);
  return appendUpdate(bytes, {
    objects: [
      { num: a.size, body: '<< /Type /Annot /Subtype /Text /Rect [500 780 520 800] /Contents (Ghi chu cua chuyen vien) /Open false >>' },
      { num: a.page.num, body: withArrayItem(a.page.text, 'Annots', `${a.size} 0 R`) },
    ],
  });
}

export interface LegitimateCase {
  name: string;
  bytes: Uint8Array;
  /** Signatures expected, all valid. */
  signatures: number;
}

/**
 * Changes after signing that a document permits (DocMDP levels of ISO 32000-2 §12.8.2.2) and
 * the same changes where it does not. `signer` and `other` sign; `stampDigest` time-stamps.
 */
export async function docMdpCorpus(signer: Signer, other: Signer, stampDigest: Stamper): Promise<{ legitimate: LegitimateCase[]; attacks: AttackCase[] }> {
  const base = await basePdf({ pages: 2, textFields: true });
  const certified = async (p: 1 | 2 | 3) => signPdf(base, { signer, certify: p });
  const approval = (bytes: Uint8Array, visible = false) =>
    signPdf(bytes, { signer: other, visible: visible ? { kind: 'personal', page: 1, rect: { x: 330, y: 120, w: 200, h: 80 } } : undefined });
  const p2 = await certified(2);
  const p3 = await certified(3);
  const p1 = await certified(1);
  const uncertified = await signPdf(base, { signer });
  return {
    legitimate: [
      { name: 'certified P=2, a form field filled in, then an approval signature', bytes: await approval(await fillField(p2, 'so_van_ban', '456/QD-UBND')), signatures: 2 },
      { name: 'certified P=3, a comment added', bytes: await addComment(p3), signatures: 1 },
      { name: 'certified P=1, then a document timestamp', bytes: await documentTimestamp(p1, stampDigest), signatures: 2 },
    ],
    attacks: [
      {
        name: 'a form field filled in without a certification that permits it',
        bytes: await fillField(uncertified, 'so_van_ban', '456/QD-UBND'),
        status: 'modified',
        reason: /the form field "so_van_ban" was filled in .* form filling needs a certification/,
        pdfsig: 'valid',
      },
      {
        name: 'certified P=1, then an approval signature',
        bytes: await approval(p1),
        status: 'modified',
        reason: /the certification \(DocMDP P=1\) permits no further signatures/,
        pdfsig: 'valid',
      },
      {
        name: 'certified P=2, then a comment',
        bytes: await addComment(p2),
        status: 'modified',
        reason: /page 1's annotations gained object \d+ \/Annot/,
        pdfsig: 'valid',
      },
      {
        name: 'certified P=2, then a new visible signature field (sneaky signature)',
        bytes: await approval(p2, true),
        status: 'modified',
        reason: /is visible, and a certified document only accepts new invisible signature fields/,
        pdfsig: 'valid',
      },
    ],
  };
}
