// Issue 9.2: sign and verify read through one strict reader, so what one refuses the other
// refuses too, with the same stable code — never a stack overflow, never a file sign wrote that
// verify rejects. The command-line side is in test/integration/signing-verify-cli.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { SigningError } from '../../src/signing/errors.ts';
import { openPdf } from '../../src/signing/pdf/index.ts';
import { signPdf } from '../../src/signing/sign-pdf.ts';
import type { Signer } from '../../src/signing/signer.ts';
import { verifyPdf } from '../../src/signing/verify/index.ts';
import { hostileInputs, xrefStreamPdf, type HostileInput } from '../helpers/pdf-hostile.ts';
import { pkiFile, signerOf } from '../helpers/signing-pki.ts';

const code = (p: Promise<unknown>): Promise<string> =>
  p.then(() => 'accepted', (e: unknown) => (e instanceof SigningError ? e.code : `not a SigningError: ${String(e)}`));

let inputs: HostileInput[];
let signer: Signer;
let anchors: Uint8Array[];

describe('one strict reader for sign and verify', () => {
  beforeAll(async () => {
    inputs = await hostileInputs();
    signer = await signerOf('test:ecdsa-p256');
    anchors = [await pkiFile('root-ca.cer')];
  }, 60_000);

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('hostile input %i: open, sign and verify refuse it with the same code', async (i) => {
    const input = inputs[i] as HostileInput;
    const started = performance.now();
    expect(await code(openPdf(input.bytes)), input.name).toBe(input.code);
    expect(await code(signPdf(input.bytes, { signer })), input.name).toBe(input.code);
    expect(await code(verifyPdf(input.bytes, { trustAnchors: anchors })), input.name).toBe(input.code);
    expect(performance.now() - started, input.name).toBeLessThan(5_000);
  });

  it('reads the xref-stream fixture when nothing is wrong with it, and signs it into a file that verifies', async () => {
    const good = xrefStreamPdf({
      plain: [[1, '<< /Type /Catalog /Pages 2 0 R >>'], [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>']],
      inStream: [[3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']],
      stmNum: 10,
    });
    const signed = await signPdf(good, { signer });
    expect((await verifyPdf(signed, { trustAnchors: anchors })).signatures.map((s) => s.status)).toEqual(['valid']);
  });

  it('numbers new objects above every existing reference, so a reference made before signing never reaches them', async () => {
    const text = Buffer.from(xrefStreamPdf({
      plain: [[1, '<< /Type /Catalog /Pages 2 0 R /Dangling 90 0 R >>'], [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>']],
      inStream: [[3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']],
      stmNum: 10,
    }));
    const pdf = await openPdf(new Uint8Array(text));
    expect(pdf.firstNewNumber).toBe(91);
    const signed = await signPdf(new Uint8Array(text), { signer });
    expect((await verifyPdf(signed, { trustAnchors: anchors })).ok).toBe(true);
  });
});
