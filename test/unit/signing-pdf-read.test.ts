// Reading: the header/trailer frame, the xref chain, and which copy of an object wins when the
// file holds several. pdf-lib alone keeps the LAST copy in file order; a reader must keep the
// one the newest cross-reference section designates (ISO 32000-1 §7.5.6).
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { SigningError } from '../../src/signing/errors.ts';
import { openPdf } from '../../src/signing/pdf/index.ts';
import { appendClassicUpdate, basePdf, fromLatin1, hybridPdf, lastTrailer, latin1, startsWith } from '../helpers/pdf-fixtures.ts';

async function titleSeenBy(bytes: Uint8Array): Promise<{ ours: string; pdfLib: string }> {
  const title = (doc: PDFDocument) => ((doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict).get(PDFName.of('Title')) as PDFString).decodeText();
  const pdf = await openPdf(bytes);
  const plain = await PDFDocument.load(bytes, { updateMetadata: false });
  return { ours: title(pdf.doc), pdfLib: title(plain) };
}

async function expectCode(p: Promise<unknown>, code: string) {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SigningError);
  expect((err as SigningError).code).toBe(code);
}

describe('which version of an object is loaded', async () => {
  const base = await basePdf({ title: 'v1' });
  const infoNum = Number(lastTrailer(base).info?.split(' ')[0]);

  it('takes the updated object from a normal incremental update', async () => {
    expect(await titleSeenBy(appendClassicUpdate(base, [[infoNum, '<< /Title (v2) >>']]))).toEqual({ ours: 'v2', pdfLib: 'v2' });
  });

  it('ignores a copy the xref does not list (pdf-lib keeps it)', async () => {
    const b = appendClassicUpdate(base, [[infoNum, '<< /Title (unlisted) >>'], [infoNum + 100, '<< >>']], { listed: [infoNum + 100] });
    expect(await titleSeenBy(b)).toEqual({ ours: 'v1', pdfLib: 'unlisted' });
  });

  it('takes the listed copy when an update writes the object twice (pdf-lib keeps the later one)', async () => {
    // appendClassicUpdate lists the first offset of a repeated object when `listed` is given.
    const b = appendClassicUpdate(base, [[infoNum, '<< /Title (listed) >>'], [infoNum, '<< /Title (later) >>']], { listed: [infoNum] });
    expect(await titleSeenBy(b)).toEqual({ ours: 'listed', pdfLib: 'later' });
  });

  it('refuses objects appended after the last %%EOF instead of reading them', async () => {
    const b = appendClassicUpdate(base, [[infoNum, '<< /Title (v2) >>']]);
    const junk = fromLatin1(`${latin1(b)}${infoNum} 0 obj\n<< /Title (junk) >>\nendobj\n`);
    expect((await PDFDocument.load(junk, { updateMetadata: false })).getTitle()).toBe('junk');
    await expectCode(openPdf(junk), 'pdf.malformed');
  });

  it('reads a file whose tail after %%EOF is a long comment, keyword-like words inside other words included', async () => {
    const tail = `%${'objective streamline xrefs trailers '.repeat(200_000)}\n`;
    const b = fromLatin1(`${latin1(base)}${tail}`);
    await expect(openPdf(b)).resolves.toBeDefined();
    // The same tail with a lone keyword in it is a truncated update.
    await expectCode(openPdf(fromLatin1(`${latin1(base)}%note\n7 0 obj\n`)), 'pdf.malformed');
  });

  it('refuses an updated object whose xref offset is wrong (no guessing between copies)', async () => {
    const b = latin1(appendClassicUpdate(base, [[infoNum, '<< /Title (v2) >>']]));
    const entry = /xref\n\d+ 1\n(\d{10})/g;
    const last = [...b.matchAll(entry)].at(-1) as RegExpMatchArray;
    const broken = b.slice(0, (last.index as number) + last[0].length - 10) + String(Number(last[1]) + 3).padStart(10, '0') + b.slice((last.index as number) + last[0].length);
    await expectCode(openPdf(fromLatin1(broken)), 'pdf.malformed');
  });

  it('refuses entries whose offsets are off instead of scanning the file for the objects', async () => {
    const s = latin1(base);
    // Shift every offset in the single table by one: each entry now points one byte late.
    // pdf-lib finds the objects by scanning; a strict reader does not guess (issue 9.2).
    const xrefAt = s.lastIndexOf('\nxref\n') + 1;
    const table = s.slice(xrefAt).replace(/^(\d{10}) 00000 n/gm, (_m, o: string) => `${String(Number(o) + 1).padStart(10, '0')} 00000 n`);
    const shifted = fromLatin1(s.slice(0, xrefAt) + table);
    expect((await PDFDocument.load(shifted, { updateMetadata: false })).getPageCount()).toBe(2);
    await expectCode(openPdf(shifted), 'pdf.malformed');
  });
});

describe('file frame', async () => {
  const base = await basePdf();

  it('accepts junk before %PDF- with offsets relative to the header', async () => {
    const junk = fromLatin1('X'.repeat(300) + latin1(base));
    const pdf = await openPdf(junk);
    expect(pdf.chain.base).toBe(300);
    pdf.doc.setTitle('after junk');
    const out = await pdf.save();
    expect(startsWith(out, junk)).toBe(true);
    const reopened = await openPdf(out);
    expect(reopened.doc.getTitle()).toBe('after junk');
  });

  it.each([
    ['empty input', new Uint8Array(0)],
    ['no header', fromLatin1('hello world')],
    ['header too late', fromLatin1(' '.repeat(2000) + '%PDF-1.7\n')],
    ['truncated (no %%EOF)', base.subarray(0, base.length - 10)],
    ['truncated in the middle', base.subarray(0, Math.floor(base.length / 2))],
    ['startxref pointing nowhere, no section anywhere', fromLatin1(latin1(base).replace(/startxref\n\d+/, 'startxref\n5').replace('\nxref\n', '\nxrex\n'))],
    ['/Prev loop', appendClassicUpdate(base, [[1, '<< >>']], { trailerExtra: '' })],
  ])('refuses %s as pdf.malformed', async (label, bytes) => {
    let input = bytes;
    if (label === '/Prev loop') {
      // Point the update's /Prev at itself.
      const s = latin1(bytes);
      const self = lastTrailer(bytes).startxref;
      input = fromLatin1(s.replace(/\/Prev \d+ >>\nstartxref\n(\d+)\n%%EOF\n$/, `/Prev ${self} >>\nstartxref\n$1\n%%EOF\n`));
    }
    await expectCode(openPdf(input), 'pdf.malformed');
  });

  it.each([false, true])('refuses a wrong startxref (object streams: %s) that pdf-lib reads by scanning', async (objectStreams) => {
    // Signing on top of a guessed section would write a /Prev other readers do not follow;
    // sign and verify refuse such a file alike (issue 9.2).
    const good = await basePdf({ objectStreams });
    const real = lastTrailer(good).startxref;
    const broken = fromLatin1(latin1(good).replace(/startxref\n\d+/, `startxref\n${real - 7}`));
    expect((await PDFDocument.load(broken, { updateMetadata: false })).getPageCount()).toBe(2);
    await expectCode(openPdf(broken), 'pdf.malformed');
  });

  it('refuses an encrypted file (trailer /Encrypt) as pdf.encrypted', async () => {
    const b = appendClassicUpdate(base, [[50, '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>']], { trailerExtra: ' /Encrypt 50 0 R' });
    await expectCode(openPdf(b), 'pdf.encrypted');
  });
});

describe('cross-reference kinds', () => {
  it('reads a hybrid-reference file, including the object only /XRefStm lists', async () => {
    const pdf = await openPdf(hybridPdf());
    const resources = pdf.doc.getPage(0).node.Resources();
    expect(resources?.lookup(PDFName.of('Font'))).toBeInstanceOf(PDFDict);
    expect(pdf.chain.groups[0]?.hybrid?.kind).toBe('stream');
  });

  it('reads xref streams with PNG predictors (pdf-lib default output)', async () => {
    const pdf = await openPdf(await basePdf({ objectStreams: true }));
    expect(pdf.chain.groups[0]?.section.kind).toBe('stream');
    expect(pdf.doc.getPageCount()).toBe(2);
  });

  it('numbers new objects from the trailer /Size on', async () => {
    const base = await basePdf();
    const b = appendClassicUpdate(base, [], { sizeAtLeast: 40 });
    const pdf = await openPdf(b);
    expect(pdf.originalSize).toBe(40);
    expect(pdf.doc.context.register(pdf.doc.context.obj({})).objectNumber).toBeGreaterThanOrEqual(40);
  });
});
