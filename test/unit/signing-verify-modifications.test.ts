// Issue 9.1: a signature followed by a change its document does not permit is not valid. Each
// attack of the corpus (test/helpers/pdf-attacks.ts) must give ok: false with the reason named;
// the changes a document does permit (further signatures, the DSS, document timestamps, form
// filling and annotations under the right DocMDP level) must stay valid.
import { beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../src/signing/sign-pdf.ts';
import type { Signer } from '../../src/signing/signer.ts';
import type { TimestampClient } from '../../src/signing/timestamp/index.ts';
import { verifyPdf } from '../../src/signing/verify/index.ts';
import { anatomy, appendUpdate, attackCorpus, docMdpCorpus, documentTimestamp, withArrayItem, type AttackCase, type LegitimateCase, type Stamper } from '../helpers/pdf-attacks.ts';
import { basePdf, hybridPdf } from '../helpers/pdf-fixtures.ts';
import { pkiFile, signerOf } from '../helpers/signing-pki.ts';
import { inProcessTimestamp } from '../helpers/verify-tools.ts';

let anchors: Uint8Array[];
let crl: Uint8Array;
let signer: Signer;
let other: Signer;
let stamp: TimestampClient;
let stampDigest: Stamper;
let attacks: AttackCase[];
let signed: Uint8Array;
let mdp: { legitimate: LegitimateCase[]; attacks: AttackCase[] };

beforeAll(async () => {
  anchors = [await pkiFile('root-ca.cer')];
  crl = await pkiFile('issuing-ca.crl');
  signer = await signerOf('test:ecdsa-p256');
  other = await signerOf('person:city.leader');
  ({ stamp, stampDigest } = await inProcessTimestamp());
  ({ signed, cases: attacks } = await attackCorpus(signer));
  mdp = await docMdpCorpus(signer, other, stampDigest);
}, 120_000);

describe('changes after signing that make a signature not valid', () => {
  it('the corpus starts from a valid signature', async () => {
    const report = await verifyPdf(signed, { trustAnchors: anchors });
    expect(report).toMatchObject({ ok: true, signatures: [{ status: 'valid', modifications: [] }] });
    expect(attacks.length).toBeGreaterThanOrEqual(20);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])('attack %i: not ok, with the reason', async (i) => {
    const attack = attacks[i];
    if (!attack) return;
    const report = await verifyPdf(attack.bytes, { trustAnchors: anchors });
    const [first] = report.signatures;
    const reasons = attack.status === 'invalid' ? (first?.integrity.problems ?? []) : (first?.modifications ?? []);
    expect(report.ok, attack.name).toBe(false);
    expect(first?.status, `${attack.name}: ${JSON.stringify(first?.modifications)}`).toBe(attack.status);
    expect(reasons.some((r) => attack.reason.test(r)), `${attack.name}: ${JSON.stringify(reasons)}`).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // plain data for the HTTP page
  });

  it('DocMDP: changes the certification does not permit', async () => {
    for (const attack of mdp.attacks) {
      const report = await verifyPdf(attack.bytes, { trustAnchors: anchors });
      const [first] = report.signatures;
      expect(report.ok, attack.name).toBe(false);
      expect(first?.status, attack.name).toBe('modified');
      expect(first?.modifications.some((r) => attack.reason.test(r)), `${attack.name}: ${JSON.stringify(first?.modifications)}`).toBe(true);
    }
  });

  it('a copied signature is itself invalid, not a second valid signature', async () => {
    const copied = attacks.find((a) => a.name === 'new field with a copied signature dictionary') as AttackCase;
    const report = await verifyPdf(copied.bytes, { trustAnchors: anchors });
    expect(report.signatures.map((s) => [s.fieldName, s.status])).toEqual([['Signature1', 'modified'], ['Copy', 'invalid']]);
    expect(report.signatures[1]?.integrity.problems.join('\n')).toMatch(/a copied signature/);
    // A field whose /V is the first signature's own dictionary: one signature, not two.
    const shared = attacks.find((a) => a.name === 'new field sharing the first signature dictionary') as AttackCase;
    expect((await verifyPdf(shared.bytes, { trustAnchors: anchors })).signatures.map((s) => [s.fieldName, s.status])).toEqual([['Signature1', 'modified']]);
  });

  it('a signature the current document no longer shows is still reported, as modified', async () => {
    const hidden = attacks.find((a) => a.name.startsWith('shadow hide-and-replace')) as AttackCase;
    const report = await verifyPdf(hidden.bytes, { trustAnchors: anchors });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ status: 'modified', integrity: { ok: true } });
    expect(report.signatures[0]?.modifications[0]).toMatch(/no longer shows this signature/);
  });
});

describe('changes after signing that keep every signature valid', () => {
  const expectValid = async (name: string, bytes: Uint8Array, count: number) => {
    const report = await verifyPdf(bytes, { trustAnchors: anchors, crls: [crl] });
    expect(report.signatures.map((s) => [s.fieldName, s.status, s.modifications]), name).toEqual(report.signatures.map((s) => [s.fieldName, 'valid', []]));
    expect(report.signatures, name).toHaveLength(count);
    expect(report.ok, name).toBe(true);
    return report;
  };

  it('two sequential signatures, the second visible', async () => {
    const two = await signPdf(signed, { signer: other, visible: { kind: 'personal', page: 1, rect: { x: 330, y: 120, w: 200, h: 80 }, title: 'CHỦ TỊCH' } });
    const report = await expectValid('two', two, 2);
    expect(report.signatures[0]?.modifiedAfter).toEqual([expect.objectContaining({ kind: 'signature', allowed: true })]);
  });

  it('B-LT (a DSS update) and B-LTA (a document timestamp after it)', async () => {
    const lt = await signPdf(await basePdf(), { signer, level: 'B-LT', timestamp: stamp, crls: [crl] });
    const lta = await documentTimestamp(lt, stampDigest);
    const report = await expectValid('lta', lta, 2);
    expect(report.signatures[0]?.modifiedAfter.map((r) => [r.kind, r.allowed])).toEqual([['dss', true], ['timestamp', true]]);
    expect(report.signatures[0]?.level).toBe('B-LTA');
  });

  it('two B-LT signatures: the second DSS update merges into the first DSS', async () => {
    const first = await signPdf(await basePdf(), { signer, level: 'B-LT', timestamp: stamp, crls: [crl] });
    const second = await signPdf(first, { signer: other, level: 'B-LT', timestamp: stamp, crls: [crl] });
    const report = await expectValid('two B-LT', second, 2);
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-LT']);
    expect(report.signatures[0]?.modifiedAfter.map((r) => r.kind)).toEqual(['dss', 'signature', 'dss']);
  });

  it('signing into an empty signature field, prepared before the first signature or added after it', async () => {
    // A field prepared in the original, then an update after the first signature adding another
    // empty one; both are signed later. Each revision that adds or fills them is a signature.
    const a = await anatomy(signed);
    const acro = a.acroForm as { num: number; text: string };
    const withEmpty = appendUpdate(signed, {
      objects: [
        { num: a.size, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (ChuKy2) /F 132 /P ${a.page.num} 0 R /Rect [0 0 0 0] >>` },
        { num: acro.num, body: withArrayItem(acro.text, 'Fields', `${a.size} 0 R`) },
        { num: a.page.num, body: withArrayItem(a.page.text, 'Annots', `${a.size} 0 R`) },
      ],
    });
    const filled = await signPdf(withEmpty, { signer: other, fieldName: 'ChuKy2' });
    const report = await expectValid('filled', filled, 2);
    expect(report.signatures.map((s) => s.fieldName)).toEqual(['Signature1', 'ChuKy2']);
    expect(report.signatures[0]?.modifiedAfter.map((r) => [r.kind, r.allowed])).toEqual([['signature', true], ['signature', true]]);
    // Left unsigned, the same empty field is an unsigned widget: not a signature.
    const unsigned = await verifyPdf(withEmpty, { trustAnchors: anchors });
    expect(unsigned.signatures[0]?.modifications.join('\n')).toMatch(/signature field \(ChuKy2\) carries no signature/);

    const base = await basePdf({ pages: 2, textFields: true });
    const b = await anatomy(base);
    const bAcro = b.acroForm as { num: number; text: string };
    const prepared = appendUpdate(base, {
      objects: [
        { num: b.size, body: `<< /Type /Annot /Subtype /Widget /FT /Sig /T (ChuKy2) /F 132 /P ${b.page.num} 0 R /Rect [0 0 0 0] >>` },
        { num: bAcro.num, body: withArrayItem(bAcro.text, 'Fields', `${b.size} 0 R`) },
      ],
    });
    const first = await signPdf(prepared, { signer });
    await expectValid('prepared', await signPdf(first, { signer: other, fieldName: 'ChuKy2' }), 2);
  });

  it('files from other writers (object streams, a hybrid-reference file) signed twice', async () => {
    for (const [name, input] of [['object streams', await basePdf({ objectStreams: true, textFields: true })], ['hybrid', hybridPdf()]] as const) {
      const once = await signPdf(input, { signer });
      await expectValid(name, await signPdf(once, { signer: other }), 2);
    }
  });

  it('only the first signature may certify the document', async () => {
    const err = await signPdf(signed, { signer: other, certify: 2 }).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ name: 'SigningError', code: 'signing.certification_not_first' });
  });

  it('DocMDP: form filling under P=2, a comment under P=3, a document timestamp under P=1', async () => {
    for (const c of mdp.legitimate) {
      const report = await expectValid(c.name, c.bytes, c.signatures);
      expect(report.document.docMdp?.fieldName, c.name).toBe('Signature1');
    }
    const [filled] = mdp.legitimate;
    const report = await verifyPdf(filled?.bytes as Uint8Array, { trustAnchors: anchors });
    expect(report.document.docMdp).toEqual({ permissions: 2, fieldName: 'Signature1' });
    expect(report.signatures[0]?.modifiedAfter.map((r) => [r.kind, r.allowed, r.details])).toEqual([
      ['form-filling', true, ['form fields filled in: so_van_ban']],
      ['signature', true, []],
    ]);
  });
});
