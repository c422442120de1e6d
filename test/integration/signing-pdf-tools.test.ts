// The PDF layer against independent tools: qpdf for structure, poppler for signatures.
import { afterAll, describe, expect, it } from 'vitest';
import { SigningError } from '../../src/signing/errors.ts';
import { appendDss, embedSignature, openPdf, prepareSignature, readDss, readSignatures } from '../../src/signing/pdf/index.ts';
import { basePdf, dummyCms, fromLatin1, lastTrailer, latin1, startsWith } from '../helpers/pdf-fixtures.ts';
import { qpdf, qpdfCheck, signWithPdfsig } from '../helpers/pdf-tools.ts';

describe('PDF layer with qpdf and poppler', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => Promise.all(cleanups.map((c) => c())));

  it('refuses a qpdf-encrypted file as pdf.encrypted, with or without a user password', async () => {
    for (const user of ['', 'secret']) {
      const encrypted = await qpdf(await basePdf(), '--encrypt', user, 'owner', '256', '--');
      const err = await openPdf(encrypted).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SigningError);
      expect((err as SigningError).code).toBe('pdf.encrypted');
    }
  });

  it('appends a DSS after a poppler signature and two of ours: qpdf clean, poppler still valid', async () => {
    const signed = await signWithPdfsig(await qpdf(await basePdf(), '--object-streams=generate'));
    cleanups.push(signed.cleanup);
    let bytes = signed.bytes;
    for (const rfc3161 of [false, true]) {
      const prepared = await prepareSignature(await openPdf(bytes), {
        subFilter: rfc3161 ? 'ETSI.RFC3161' : 'ETSI.CAdES.detached',
        contentsSize: 3000,
        signingTime: rfc3161 ? undefined : new Date(),
      });
      bytes = embedSignature(prepared, dummyCms(rfc3161 ? 501 : 500));
    }
    const withDss = await appendDss(bytes, { certs: [dummyCms(40)], crls: [dummyCms(30)], ocsps: [dummyCms(20)], vri: true });
    expect(startsWith(withDss, bytes)).toBe(true);
    const check = await qpdfCheck(withDss);
    expect(check.status, check.output).toBe(0);
    const report = await signed.verify(withDss);
    const popplerPart = report.split('Signature #2')[0] as string;
    expect(popplerPart).toContain('Signature is Valid');
    expect(report.match(/Signature #/g)).toHaveLength(3);
    const sigs = await readSignatures(withDss);
    expect(sigs.map((s) => s.subFilter)).toEqual(['adbe.pkcs7.detached', 'ETSI.CAdES.detached', 'ETSI.RFC3161']);
    expect(sigs.every((s) => s.issues.length === 0 && !s.coversWholeFile)).toBe(true);
    expect((await readDss(withDss)).vriKeys).toHaveLength(3);
  });

  it.each([false, true])('refuses a file whose startxref is wrong (object streams: %s), which qpdf too reports as damaged', async (objectStreams) => {
    // Issue 9.2: signing used to guess the newest section; sign and verify now refuse alike.
    const good = await basePdf({ objectStreams });
    const broken = fromLatin1(latin1(good).replace(/startxref\n\d+/, `startxref\n${lastTrailer(good).startxref + 11}`));
    expect((await qpdfCheck(broken)).status).not.toBe(0);
    const err = await openPdf(broken).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ name: 'SigningError', code: 'pdf.malformed' });
  });

  it('survives ten successive updates with valid structure and a growing /Prev chain', async () => {
    let bytes = await basePdf({ objectStreams: true, textFields: true });
    const lengths: number[] = [];
    for (let i = 0; i < 10; i++) {
      const prepared = await prepareSignature(await openPdf(bytes), {
        subFilter: 'ETSI.CAdES.detached',
        contentsSize: 256,
        widget: { pageIndex: i % 2, rect: [20 + i * 40, 20, 55 + i * 40, 60] },
      });
      bytes = embedSignature(prepared, dummyCms(100));
      lengths.push(bytes.length);
    }
    expect((await qpdfCheck(bytes)).status).toBe(0);
    const sigs = await readSignatures(bytes);
    expect(sigs.map((s) => s.revisionEnd)).toEqual(lengths);
    expect(sigs.map((s) => s.pageIndex)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
  });
});
