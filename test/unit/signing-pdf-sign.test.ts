// Signature fields, placeholders, embedding and reading back (ISO 32000-1 §12.7.4.5, §12.8).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { SigningError } from '../../src/signing/errors.ts';
import { embedSignature, openPdf, prepareSignature, readSignatures, type PrepareSignatureOptions } from '../../src/signing/pdf/index.ts';
import { basePdf, dummyCms, latin1, startsWith } from '../helpers/pdf-fixtures.ts';

const CADES = { subFilter: 'ETSI.CAdES.detached', contentsSize: 2048 } as const;

async function sign(bytes: Uint8Array, opts: Partial<PrepareSignatureOptions> = {}, cms = dummyCms(100)) {
  const prepared = await prepareSignature(await openPdf(bytes), { ...CADES, ...opts });
  return { prepared, signed: embedSignature(prepared, cms) };
}

async function code(p: Promise<unknown>): Promise<string | undefined> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  return err instanceof SigningError ? err.code : `not a SigningError: ${String(err)}`;
}

describe('prepareSignature', () => {
  it('reserves a window, excludes exactly it from the byte range and hashes the rest', async () => {
    const input = await basePdf();
    const { prepared } = await sign(input);
    const { bytes, byteRange: [a, b, c, d], contentsOffset, contentsLength } = prepared;
    expect(startsWith(bytes, input)).toBe(true);
    expect(a).toBe(0);
    expect(b).toBe(contentsOffset - 1);
    expect(c).toBe(contentsOffset + contentsLength + 1);
    expect(c + d).toBe(bytes.length);
    expect(contentsLength).toBe(4096);
    expect(String.fromCharCode(bytes[b] as number, bytes[c - 1] as number)).toBe('<>');
    const expected = createHash('sha256').update(bytes.subarray(0, b)).update(bytes.subarray(c)).digest();
    expect(Buffer.from(prepared.digest)).toEqual(expected);
    // The /ByteRange placeholder was filled in place with the same length.
    expect(latin1(bytes)).toMatch(new RegExp(`/ByteRange \\[0 ${b} ${c} ${d} *\\]`));
    expect(b).toBeGreaterThan(input.length); // the window is in the appended part
  });

  it('writes the dictionary PAdES expects, with /M in Vietnam time by default', async () => {
    const { signed } = await sign(await basePdf(), {
      signingTime: new Date('2025-01-02T03:04:05Z'),
      reason: 'Phê duyệt văn bản (lần 1)',
      location: 'Hà Nội',
      name: 'Nguyễn Văn A',
      contactInfo: 'a@example.vn',
    });
    const [sig] = await readSignatures(signed);
    expect(sig).toMatchObject({
      fieldName: 'Signature1',
      type: 'Sig',
      filter: 'Adobe.PPKLite',
      subFilter: 'ETSI.CAdES.detached',
      m: "D:20250102100405+07'00'",
      reason: 'Phê duyệt văn bản (lần 1)',
      location: 'Hà Nội',
      name: 'Nguyễn Văn A',
      contactInfo: 'a@example.vn',
      coversWholeFile: true,
      issues: [],
    });
    expect(sig?.signingTime?.toISOString()).toBe('2025-01-02T03:04:05.000Z');
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const acro = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    expect(acro.get(PDFName.of('SigFlags'))?.toString()).toBe('3');
  });

  it('makes document timestamps /Type /DocTimeStamp without /M', async () => {
    const { signed } = await sign(await basePdf(), { subFilter: 'ETSI.RFC3161' });
    const [sig] = await readSignatures(signed);
    expect(sig).toMatchObject({ type: 'DocTimeStamp', subFilter: 'ETSI.RFC3161', m: undefined });
  });

  it('names fields Signature1, Signature2… and keeps earlier revisions intact', async () => {
    const first = (await sign(await basePdf())).signed;
    const second = (await sign(first)).signed;
    expect(startsWith(second, first)).toBe(true);
    const sigs = await readSignatures(second);
    expect(sigs.map((s) => [s.fieldName, s.coversWholeFile, s.revisionEnd])).toEqual([
      ['Signature1', false, first.length],
      ['Signature2', true, second.length],
    ]);
    expect(sigs[0]?.revisions).toContain(first.length);
  });

  it('refuses a name already used by a signed field, or by a field of another type', async () => {
    const once = (await sign(await basePdf(), { fieldName: 'LanhDao' })).signed;
    expect(await code(prepareSignature(await openPdf(once), { ...CADES, fieldName: 'LanhDao' }))).toBe('signing.field_exists');
    const form = await basePdf({ textFields: true });
    expect(await code(prepareSignature(await openPdf(form), { ...CADES, fieldName: 'so_van_ban' }))).toBe('signing.field_exists');
  });

  it('signs into an existing unsigned signature field', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const widget = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of('ChoSan'), Rect: [10, 10, 110, 60], P: page.ref, F: 4 }));
    page.node.set(PDFName.of('Annots'), doc.context.obj([widget]));
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [widget] }));
    const input = await doc.save({ useObjectStreams: false });
    const { signed } = await sign(input, { fieldName: 'ChoSan' });
    const sigs = await readSignatures(signed);
    expect(sigs.map((s) => [s.fieldName, s.pageIndex])).toEqual([['ChoSan', 0]]);
    // No second widget was added.
    const reloaded = await PDFDocument.load(signed, { updateMetadata: false });
    expect(reloaded.getPage(0).node.Annots()?.size()).toBe(1);
  });

  it('adds a visible widget to the page, and an invisible one with a zero /Rect', async () => {
    const { signed } = await sign(await basePdf(), { widget: { pageIndex: 1, rect: [400, 40, 300, 100] } });
    const [sig] = await readSignatures(signed);
    expect(sig?.pageIndex).toBe(1);
    expect(sig?.rect).toEqual([300, 40, 400, 100]);
    const invisible = (await readSignatures((await sign(await basePdf())).signed))[0];
    expect(invisible?.rect).toEqual([0, 0, 0, 0]);
    expect(invisible?.pageIndex).toBeUndefined();
  });

  it('does not add the widget to other pages sharing an indirect /Annots array', async () => {
    const doc = await PDFDocument.create();
    const [p1, p2] = [doc.addPage(), doc.addPage()];
    const link = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10] }));
    const shared = doc.context.register(doc.context.obj([link]));
    p1.node.set(PDFName.of('Annots'), shared);
    p2.node.set(PDFName.of('Annots'), shared);
    const { signed } = await sign(await doc.save({ useObjectStreams: false }), { widget: { pageIndex: 0, rect: [50, 50, 150, 100] } });
    const reloaded = await PDFDocument.load(signed, { updateMetadata: false });
    expect(reloaded.getPage(0).node.Annots()?.size()).toBe(2);
    expect(reloaded.getPage(1).node.Annots()?.size()).toBe(1);
  });

  it('appends to an unshared indirect /Annots array by updating the array object', async () => {
    const doc = await PDFDocument.create();
    const p = doc.addPage();
    const arr = doc.context.register(doc.context.obj([]));
    p.node.set(PDFName.of('Annots'), arr);
    const { signed } = await sign(await doc.save({ useObjectStreams: false }), { widget: { pageIndex: 0, rect: [50, 50, 150, 100] } });
    const reloaded = await PDFDocument.load(signed, { updateMetadata: false });
    expect(reloaded.getPage(0).node.get(PDFName.of('Annots'))).toBeInstanceOf(PDFRef);
    expect(reloaded.context.lookup(arr, PDFArray).size()).toBe(1);
  });

  it.each([
    [{ pageIndex: 5, rect: [0, 0, 10, 10] }],
    [{ pageIndex: -1, rect: [0, 0, 10, 10] }],
    [{ pageIndex: 0, rect: [0, 0, 0, 10] }],
    [{ pageIndex: 0, rect: [500, 800, 700, 900] }],
    [{ pageIndex: 0, rect: [0, 0, Number.NaN, 10] }],
  ])('refuses placement %j as signing.placement_invalid', async (widget) => {
    const pdf = await openPdf(await basePdf());
    expect(await code(prepareSignature(pdf, { ...CADES, widget: widget as PrepareSignatureOptions['widget'] }))).toBe('signing.placement_invalid');
  });

  it('refuses a field name with a period', async () => {
    expect(await code(prepareSignature(await openPdf(await basePdf()), { ...CADES, fieldName: 'a.b' }))).toBe('signing.placement_invalid');
  });
});

describe('embedSignature', () => {
  it('pads with zeros and refuses a CMS larger than the window', async () => {
    const prepared = await prepareSignature(await openPdf(await basePdf()), { ...CADES, contentsSize: 100 });
    const fits = embedSignature(prepared, dummyCms(100));
    expect(fits.length).toBe(prepared.bytes.length);
    expect(await code(Promise.resolve().then(() => embedSignature(prepared, dummyCms(101))))).toBe('signing.signature_too_large');
    // The prepared bytes are untouched, so a retry with a smaller CMS still works.
    const [sig] = await readSignatures(embedSignature(prepared, dummyCms(60)));
    expect(Buffer.from(sig!.contents)).toEqual(Buffer.from(dummyCms(60)));
  });

  it('keeps trailing zero bytes that belong to the DER value', async () => {
    const cms = dummyCms(80); // ends in 00 00 inside its own length
    const { signed } = await sign(await basePdf(), {}, cms);
    const [sig] = await readSignatures(signed);
    expect(sig?.contents.length).toBe(80);
    expect(sig?.contents.at(-1)).toBe(0);
  });
});

describe('readSignatures on tampered files', () => {
  it('reports a /ByteRange that does not end at a revision and a gap that is not /Contents', async () => {
    const { signed, prepared } = await sign(await basePdf());
    const tampered = Uint8Array.from(signed);
    // Shrink the first range by one byte: the excluded gap no longer starts with '<'.
    const [, b, c, d] = prepared.byteRange;
    const text = latin1(tampered);
    const at = text.indexOf(`/ByteRange [0 ${b} ${c} ${d}`);
    const replacement = `/ByteRange [0 ${b + 1} ${c} ${d}`;
    tampered.set(Buffer.from(replacement.padEnd(`/ByteRange [0 ${b} ${c} ${d}`.length, ' '), 'latin1'), at);
    const [sig] = await readSignatures(tampered);
    expect(sig?.issues.length).toBeGreaterThan(0);
    expect(sig?.coversWholeFile).toBe(false);
  });

  it('accepts a signature whose range ends at %%EOF without an end-of-line (another writer)', async () => {
    const { signed, prepared } = await sign(await basePdf());
    // Drop the final newline and shorten the last range to match, as a writer without EOL would.
    const [, b, c, d] = prepared.byteRange;
    const text = latin1(signed.subarray(0, signed.length - 1)).replace(`/ByteRange [0 ${b} ${c} ${d}`, `/ByteRange [0 ${b} ${c} ${d - 1}`);
    const noEol = new Uint8Array(Buffer.from(text.replace(`${d - 1}]`, `${d - 1} ]`), 'latin1'));
    expect(noEol.length).toBe(signed.length - 1);
    const { signed: next } = await sign(noEol);
    const [first, second] = await readSignatures(next);
    expect(first?.issues).toEqual([]);
    expect(first?.revisionEnd).toBe(noEol.length);
    expect(second?.coversWholeFile).toBe(true);
  });

  it('returns nothing for an unsigned file', async () => {
    expect(await readSignatures(await basePdf({ textFields: true }))).toEqual([]);
  });
});

describe('IncrementalPdf.save', () => {
  it('writes original objects pdf-lib changed without markChanged (title, attachments)', async () => {
    const input = await basePdf({ objectStreams: true });
    const pdf = await openPdf(input);
    pdf.doc.setTitle('Biên bản họp');
    await pdf.doc.attach(new Uint8Array([1, 2, 3]), 'phu-luc.bin', { mimeType: 'application/octet-stream' });
    const out = await pdf.save();
    expect(startsWith(out, input)).toBe(true);
    const reloaded = await openPdf(out);
    expect(reloaded.doc.getTitle()).toBe('Biên bản họp');
    expect(reloaded.doc.catalog.get(PDFName.of('Names'))).toBeDefined();
  });

  it('returns the input unchanged when nothing changed', async () => {
    const input = await basePdf();
    const out = await (await openPdf(input)).save();
    expect(Buffer.from(out)).toEqual(Buffer.from(input));
  });
});
