// verifyPdf on its own: broken signatures reported (never thrown), trust and validity time,
// revocation sources, PAdES levels up to B-LTA, and the classification of later updates.
import { beforeAll, describe, expect, it } from 'vitest';
import { SigningError } from '../../src/signing/errors.ts';
import { embedSignature, openPdf, prepareSignature } from '../../src/signing/pdf/index.ts';
import { signPdf } from '../../src/signing/sign-pdf.ts';
import type { TimestampClient } from '../../src/signing/timestamp/index.ts';
import { parseCrl, verifyPdf } from '../../src/signing/verify/index.ts';
import { appendClassicUpdate, basePdf, dummyCms, lastTrailer } from '../helpers/pdf-fixtures.ts';
import { FIXED_NOW, hex, pkiEntry, pkiFile, signerOf, testPki } from '../helpers/signing-pki.ts';
import { inProcessTimestamp } from '../helpers/verify-tools.ts';

const YEAR = 365 * 86_400_000;
let anchors: Uint8Array[];
let crl: Uint8Array;
let stamp: TimestampClient;
let stampDigest: (digest: Uint8Array) => Promise<Uint8Array>;
let bt: Uint8Array; // one B-T signature by the city leader, on basePdf()

const code = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(() => undefined, (e: unknown) => (e instanceof SigningError ? e.code : `not a SigningError: ${String(e)}`));

async function documentTimestamp(bytes: Uint8Array): Promise<Uint8Array> {
  const prepared = await prepareSignature(await openPdf(bytes), { subFilter: 'ETSI.RFC3161', contentsSize: 16_384 });
  return embedSignature(prepared, await stampDigest(prepared.digest));
}

describe('verifyPdf', () => {
  beforeAll(async () => {
    await testPki();
    anchors = [await pkiFile('root-ca.cer')];
    crl = await pkiFile('issuing-ca.crl');
    ({ stamp, stampDigest } = await inProcessTimestamp());
    bt = await signPdf(await basePdf(), { signer: await signerOf('person:city.leader'), level: 'B-T', timestamp: stamp });
  }, 120_000);

  it('throws SigningError only for files that are not readable PDFs', async () => {
    expect(await code(verifyPdf(new TextEncoder().encode('hello'), { trustAnchors: anchors }))).toBe('pdf.malformed');
    // A truncated last update: the complete revisions before it are verified, the rest is
    // data that belongs to no revision (here the whole signature update).
    const truncated = await verifyPdf(bt.subarray(0, bt.length - 200), { trustAnchors: anchors });
    expect(truncated).toMatchObject({ ok: false, signatures: [], document: { trailingBytes: expect.any(Number) } });
    expect(truncated.document.trailingBytes).toBeGreaterThan(1000);
    const base = await basePdf();
    const n = lastTrailer(base).size;
    const encrypted = appendClassicUpdate(base, [[n, '<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>']], { trailerExtra: ` /Encrypt ${n} 0 R` });
    expect(await code(verifyPdf(encrypted, { trustAnchors: anchors }))).toBe('pdf.encrypted');
    const unsigned = await verifyPdf(base, { trustAnchors: anchors });
    expect(unsigned).toMatchObject({ ok: false, signatures: [], document: { size: base.length, revisions: [{ index: 0, kind: 'base' }] } });
  });

  it('reports a garbage /Contents as a broken signature and still checks the others', async () => {
    const prepared = await prepareSignature(await openPdf(bt), { subFilter: 'ETSI.CAdES.detached', contentsSize: 1024 });
    const withGarbage = embedSignature(prepared, dummyCms(200));
    const report = await verifyPdf(withGarbage, { trustAnchors: anchors });
    expect(report.ok).toBe(false);
    const [good, bad] = report.signatures;
    expect(good).toMatchObject({ ok: true, modifiedAfter: [{ kind: 'signature' }] });
    expect(bad).toMatchObject({ ok: false, signer: null, algorithm: null, integrity: { ok: false, digestMatches: false }, chain: { trusted: false } });
    expect(bad?.integrity.problems[0]).toMatch(/^\/Contents is not a readable CMS SignedData/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // plain data
  });

  it('is untrusted without the right anchor, and says why', async () => {
    const [s] = (await verifyPdf(bt, { trustAnchors: [await dummyAnchor()] })).signatures;
    expect(s).toMatchObject({ ok: false, integrity: { ok: true }, chain: { ok: false, trusted: false } });
    expect(s?.chain.problems).toEqual(['the root C=VN, O=ecabinet development PKI, CN=ecabinet Development Root CA is not a trust anchor']);
    const none = await verifyPdf(bt, { trustAnchors: [] });
    expect(none.document.problems).toContain('no usable trust anchor was given: no signature can be trusted');
  });

  it('checks validity periods at the verified timestamp time, else now', async () => {
    const later = new Date(FIXED_NOW.getTime() + 3 * YEAR); // every end-entity certificate has expired
    const [withTs] = (await verifyPdf(bt, { trustAnchors: anchors, now: later })).signatures;
    expect(withTs).toMatchObject({ ok: true, chain: { ok: true, checkedAt: withTs?.timestampTime } });
    const bb = await signPdf(await basePdf(), { signer: await signerOf('person:city.leader') });
    const [without] = (await verifyPdf(bb, { trustAnchors: anchors, now: later })).signatures;
    expect(without).toMatchObject({ ok: false, level: 'B-B', timestamp: { present: false }, chain: { ok: false, trusted: true, checkedAt: later.toISOString() } });
    expect(without?.chain.problems.join('\n')).toMatch(/CN=Trần Văn Quang expired on /);
  });

  it('takes CRLs from the caller, and refuses a CRL whose signature is broken', async () => {
    const given = (await verifyPdf(bt, { trustAnchors: anchors, crls: [crl] })).signatures[0];
    expect(given?.revocation).toEqual({ status: 'good', source: 'given', problems: [] });
    const broken = Uint8Array.from(crl);
    broken[broken.length - 5] = (broken[broken.length - 5] as number) ^ 0xff; // inside the signature value
    const [s] = (await verifyPdf(bt, { trustAnchors: anchors, crls: [broken] })).signatures;
    expect(s?.revocation.status).toBe('unknown');
    expect(s?.revocation.problems[0]).toMatch(/a CRL naming .*Issuing CA does not verify with its key/);
    expect((await verifyPdf(bt, { trustAnchors: anchors, crls: [dummyCms(40)] })).document.problems[0]).toMatch(/^given CRL #1 cannot be read/);
  });

  it('parses the dev PKI CRL', async () => {
    const { index } = await testPki();
    const parsed = parseCrl(crl);
    expect(parsed.thisUpdate.toISOString()).toBe(index.crl.thisUpdate);
    expect(parsed.nextUpdate?.toISOString()).toBe(index.crl.nextUpdate);
    const revoked = await pkiEntry('test:revoked');
    expect(parsed.revoked.map((r) => [hex(r.serial).replace(/^0+/, ''), r.revocationDate.toISOString()])).toEqual([[revoked.serialNumber, revoked.revokedAt]]);
  });

  it('reaches B-LT with the DSS and B-LTA once a document timestamp covers it', async () => {
    const lt = await signPdf(await basePdf(), { signer: await signerOf('test:ecdsa-p256'), level: 'B-LT', timestamp: stamp, crls: [crl] });
    expect((await verifyPdf(lt, { trustAnchors: anchors })).signatures[0]).toMatchObject({ ok: true, level: 'B-LT', revocation: { status: 'good', source: 'dss' } });
    const lta = await documentTimestamp(lt);
    const report = await verifyPdf(lta, { trustAnchors: anchors });
    expect(report.ok).toBe(true);
    const [sig, dts] = report.signatures;
    expect(sig).toMatchObject({ level: 'B-LTA', status: 'valid', modifiedAfter: [{ kind: 'dss', allowed: true }, { kind: 'timestamp', allowed: true }] });
    expect(dts).toMatchObject({
      kind: 'document-timestamp',
      ok: true,
      level: 'none',
      subFilter: 'ETSI.RFC3161',
      signingTime: null,
      coversWholeFile: true,
      signer: { commonName: 'ecabinet Development TSA' },
      algorithm: 'RSA-2048 PKCS#1 v1.5 SHA-256',
      integrity: { ok: true, digestMatches: true, signatureValid: true, certBindingValid: true },
      timestamp: { present: true, valid: true },
      chain: { ok: true, trusted: true },
    });
    expect(dts?.timestampTime).toBe(dts?.timestamp.time);
    // A document timestamp straight after a B-T signature does not make it B-LTA: no DSS.
    expect((await verifyPdf(await documentTimestamp(bt), { trustAnchors: anchors })).signatures[0]?.level).toBe('B-T');
  });

  it('reports a signature modified when a later update changes content, the catalog or the signed field', async () => {
    const content = 'BT /F1 30 Tf 50 700 Td (Sua noi dung) Tj ET';
    // Object 5 is page 1's content stream in basePdf().
    const changed = appendClassicUpdate(bt, [[5, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`]]);
    const report = await verifyPdf(changed, { trustAnchors: anchors });
    expect(report.ok).toBe(false);
    expect(report.signatures[0]).toMatchObject({
      ok: false,
      status: 'modified',
      integrity: { ok: true },
      chain: { ok: true },
      coversWholeFile: false,
      modifiedAfter: [{ kind: 'other', allowed: false, details: ['object 5 (page 1 /Contents) changed'] }],
      modifications: ['revision 2 (other): object 5 (page 1 /Contents) changed'],
    });

    const pdf = await openPdf(bt);
    const root = Number(lastTrailer(bt).root.split(' ')[0]);
    const catalog = pdf.doc.catalog.toString().replace(/>>\s*$/, '/PageMode /UseOutlines\n>>');
    const [b] = (await verifyPdf(appendClassicUpdate(bt, [[root, catalog]]), { trustAnchors: anchors })).signatures;
    expect(b?.modifiedAfter).toEqual([{ index: 2, end: expect.any(Number), kind: 'other', allowed: false, details: ['the catalog changed: /PageMode'] }]);
    expect(b?.status).toBe('modified');

    const sigDict = /(\d+) 0 obj\s*<<\s*\/Type \/Sig/.exec(Buffer.from(bt).toString('latin1'))?.[1];
    const field = pdf.doc.context.enumerateIndirectObjects().find(([, o]) => o.toString().includes(`/V ${sigDict} 0 R`));
    const [ref, dict] = field ?? [];
    const renamed = (dict?.toString() ?? '').replace(/\/T \([^)]*\)/, '/T (Renamed)');
    const [c] = (await verifyPdf(appendClassicUpdate(bt, [[ref?.objectNumber ?? 0, renamed]]), { trustAnchors: anchors })).signatures;
    expect(c).toMatchObject({ status: 'modified', modifiedAfter: [{ kind: 'other', details: ['the signed field "Signature1" changed (/T)'] }] });

    // A comment (text annotation) added to page 1 next to the signature widget: not permitted
    // without a certification that allows annotations (DocMDP P=3).
    const page = pdf.doc.getPage(0);
    const note = lastTrailer(bt).size;
    const pageText = page.node.toString().replace(/\/Annots \[([^\]]*)\]/, `/Annots [$1 ${note} 0 R]`);
    const annotated = appendClassicUpdate(bt, [[note, '<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (Ghi chu) >>'], [page.ref.objectNumber, pageText]]);
    const [d] = (await verifyPdf(annotated, { trustAnchors: anchors })).signatures;
    expect(d).toMatchObject({ status: 'modified', modifiedAfter: [{ kind: 'other', allowed: false }] });
    expect(d?.modifiedAfter[0]?.details).toEqual([`page 1's annotations gained object ${note} /Annot, which is not the widget of a new signature`]);
  });
});

/** A CA certificate that is not in the signer's path: the dev PKI's TSA (any other cert would do). */
async function dummyAnchor(): Promise<Uint8Array> {
  const { files, index } = await testPki();
  const tsa = index.entries.find((e) => e.id === 'tsa');
  const pem = files.get(tsa?.certificate ?? '') as string;
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
}
