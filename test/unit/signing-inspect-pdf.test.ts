// inspectPdf: the documents store's check, through the signing engine's strict reader. The page
// count is the leaves of the page tree, whatever /Count claims; a damaged tree or an encrypted
// file is refused with the engine's codes.
import { describe, expect, it } from 'vitest';
import { SigningError } from '../../src/signing/errors.ts';
import { inspectPdf } from '../../src/signing/inspect-pdf.ts';
import { appendClassicUpdate, basePdf, fromLatin1 } from '../helpers/pdf-fixtures.ts';

/** A hand-written PDF whose objects are given as bodies by number (object 1 is the catalog). */
function handWritten(objects: Record<number, string>): Uint8Array {
  let s = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const numbers = Object.keys(objects).map(Number).sort((a, b) => a - b);
  const offsets = new Map<number, number>();
  for (const n of numbers) {
    offsets.set(n, s.length);
    s += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const size = Math.max(...numbers) + 1;
  const xref = s.length;
  s += `xref\n0 ${size}\n0000000000 65535 f\r\n`;
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    s += at === undefined ? '0000000000 65535 f\r\n' : `${String(at).padStart(10, '0')} 00000 n\r\n`;
  }
  s += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return fromLatin1(s);
}

const page = (parent: number) => `<< /Type /Page /Parent ${parent} 0 R /MediaBox [0 0 595 842] >>`;

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(SigningError);
    return (err as SigningError).code;
  }
}

describe('inspectPdf', () => {
  it('counts the pages of a pdf-lib file, with a classic table or object streams', async () => {
    expect(await inspectPdf(await basePdf({ pages: 3 }))).toEqual({ pages: 3, version: '1.7' });
    expect((await inspectPdf(await basePdf({ pages: 5, objectStreams: true }))).pages).toBe(5);
  });

  it('counts the leaves of a nested page tree, not what /Count claims', async () => {
    const pdf = handWritten({
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: '<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 7 >>',
      3: '<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 5 0 R] /Count 2 >>',
      4: page(3),
      5: page(3),
      6: page(2),
    });
    expect((await inspectPdf(pdf)).pages).toBe(3);
  });

  it('refuses a page tree with a loop, one without pages, and one without /Kids', async () => {
    const loop = handWritten({
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
      3: page(2),
      4: '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>',
    });
    expect(await codeOf(inspectPdf(loop))).toBe('pdf.malformed');
    const empty = handWritten({ 1: '<< /Type /Catalog /Pages 2 0 R >>', 2: '<< /Type /Pages /Kids [] /Count 0 >>' });
    expect(await codeOf(inspectPdf(empty))).toBe('pdf.malformed');
    const noKids = handWritten({ 1: '<< /Type /Catalog /Pages 2 0 R >>', 2: '<< /Type /Pages /Count 1 >>' });
    expect(await codeOf(inspectPdf(noKids))).toBe('pdf.malformed');
  });

  it('refuses an encrypted file, a truncated one and something that is not a PDF', async () => {
    const pdf = await basePdf({ pages: 2 });
    const encrypted = appendClassicUpdate(pdf, [[99, '<< /Filter /Standard /V 5 /R 6 >>']], { trailerExtra: ' /Encrypt 99 0 R' });
    expect(await codeOf(inspectPdf(encrypted))).toBe('pdf.encrypted');
    expect(await codeOf(inspectPdf(pdf.subarray(0, pdf.length - 200)))).toBe('pdf.malformed');
    expect(await codeOf(inspectPdf(new TextEncoder().encode('hello')))).toBe('pdf.malformed');
  });
});
