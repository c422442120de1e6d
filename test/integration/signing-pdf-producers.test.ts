// Every kind of PDF the engine must accept, from several producers: prepared and signed twice
// (dummy CMS), then checked with qpdf, pdf-lib and our own reader. Earlier signatures, including
// one made by poppler, must stay byte-for-byte covered.
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { embedSignature, openPdf, prepareSignature, readSignatures } from '../../src/signing/pdf/index.ts';
import { appendClassicUpdate, basePdf, dummyCms, hybridPdf, lastTrailer, startsWith } from '../helpers/pdf-fixtures.ts';
import { ghostscript, hasTool, pdftocairo, qpdf, qpdfCheck, signWithPdfsig } from '../helpers/pdf-tools.ts';

type Fixture = () => Promise<Uint8Array>;

const classic = () => basePdf({ objectStreams: false });
const fixtures: Record<string, Fixture> = {
  'pdf-lib, classic xref table': classic,
  'pdf-lib, xref stream + object streams': () => basePdf({ objectStreams: true }),
  'qpdf --object-streams=generate': async () => qpdf(await classic(), '--object-streams=generate'),
  'qpdf --linearize': async () => qpdf(await classic(), '--linearize'),
  'qpdf --linearize with object streams': async () => qpdf(await classic(), '--linearize', '--object-streams=generate'),
  'qpdf --force-version=2.0': async () => qpdf(await classic(), '--force-version=2.0'),
  'earlier incremental updates (table, then table)': async () => {
    const b = await classic();
    const info = lastTrailer(b).info as string;
    const once = appendClassicUpdate(b, [[Number(info.split(' ')[0]), '<< /Title (second revision) >>']]);
    return appendClassicUpdate(once, [[Number(info.split(' ')[0]), '<< /Title (third revision) >>']]);
  },
  'earlier incremental update over an xref stream': async () => {
    const b = await basePdf({ objectStreams: true });
    return appendClassicUpdate(b, [[lastTrailer(b).size, '<< /Producer (appended) >>']]);
  },
  'AcroForm with text fields': () => basePdf({ textFields: true }),
  'AcroForm with text fields, object streams': () => basePdf({ textFields: true, objectStreams: true }),
  'hybrid-reference file (/XRefStm)': async () => hybridPdf(),
  'poppler pdftocairo': async () => pdftocairo(await classic()),
};
if (hasTool('gs')) fixtures['ghostscript pdfwrite'] = async () => ghostscript(await classic());

async function signTwice(input: Uint8Array) {
  const out: Uint8Array[] = [];
  let bytes = input;
  for (const [i, widget] of [undefined, { pageIndex: 0, rect: [300, 50, 500, 120] as [number, number, number, number] }].entries()) {
    const prepared = await prepareSignature(await openPdf(bytes), {
      subFilter: 'ETSI.CAdES.detached',
      contentsSize: 4096,
      signingTime: new Date('2025-03-01T02:00:00Z'),
      reason: 'Ký duyệt',
      widget,
    });
    expect(startsWith(prepared.bytes, bytes)).toBe(true);
    bytes = embedSignature(prepared, dummyCms(200 + i));
    out.push(bytes);
  }
  return out;
}

describe('signing PDFs from every producer', () => {
  for (const [name, make] of Object.entries(fixtures)) {
    it(name, async () => {
      const input = await make();
      expect((await qpdfCheck(input)).status, 'fixture itself is clean').toBe(0);
      // Opening must not touch anything: an update with no changes is no update at all.
      expect(Buffer.from(await (await openPdf(input)).save()).equals(Buffer.from(input))).toBe(true);
      const [first, second] = (await signTwice(input)) as [Uint8Array, Uint8Array];
      expect(startsWith(first, input)).toBe(true);
      expect(startsWith(second, first)).toBe(true);
      for (const b of [first, second]) {
        const check = await qpdfCheck(b);
        expect(check.status, check.output).toBe(0);
        await PDFDocument.load(b, { updateMetadata: false });
      }
      const sigs = await readSignatures(second);
      expect(sigs.map((s) => s.fieldName)).toEqual(['Signature1', 'Signature2']);
      expect(sigs.every((s) => s.issues.length === 0)).toBe(true);
      expect(sigs[0]?.coversWholeFile).toBe(false);
      expect(sigs[0]?.revisionEnd).toBe(first.length);
      expect(sigs[1]?.coversWholeFile).toBe(true);
      const [, , c, d] = sigs[1]?.byteRange ?? [0, 0, 0, 0];
      expect(c + d).toBe(second.length);
      expect(sigs[1]?.pageIndex).toBe(0);
      expect(sigs[0]?.pageIndex).toBeUndefined();
      expect(Buffer.from(sigs[0]!.contents)).toEqual(Buffer.from(dummyCms(200)));
      expect(Buffer.from(sigs[1]!.contents)).toEqual(Buffer.from(dummyCms(201)));
    });
  }
});

describe('a file signed by another tool (poppler pdfsig)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => Promise.all(cleanups.map((c) => c())));

  it('keeps the poppler signature valid through two more signatures', async () => {
    const signed = await signWithPdfsig(await classic());
    cleanups.push(signed.cleanup);
    expect(await signed.verify(signed.bytes)).toContain('Signature is Valid');
    const [, second] = (await signTwice(signed.bytes)) as [Uint8Array, Uint8Array];
    expect((await qpdfCheck(second)).status).toBe(0);
    const report = await signed.verify(second);
    // #1 is poppler's: still valid, no longer the whole document.
    const first = report.split('Signature #2')[0] as string;
    expect(first).toContain('PopplerSig');
    expect(first).toContain('Signature is Valid');
    expect(first).not.toContain('Digest Mismatch');
    const sigs = await readSignatures(second);
    expect(sigs.map((s) => s.fieldName)).toEqual(['PopplerSig', 'Signature1', 'Signature2']);
    expect(sigs[0]?.subFilter).toBe('adbe.pkcs7.detached');
    expect(sigs[0]?.issues).toEqual([]);
  });
});
