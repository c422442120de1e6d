import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSealPng, sampleSignaturePng } from '../../src/signing/appearance/index.ts';
import { makeForeignPki, pdfsig, type ForeignPki } from '../helpers/foreign-pki.ts';
import { basePdf } from '../helpers/pdf-fixtures.ts';
import { ghostscript, hasTool, pdftocairo, qpdf, qpdfCheck } from '../helpers/pdf-tools.ts';
import { runCli } from '../helpers/cli.ts';


const ecabinet = (args: string[], env: Record<string, string> = {}) => runCli(args, { TSA_URL: '', ...env });

describe('ecabinet sign (CLI) on PDFs from other producers with keys we did not make', () => {
  let dir: string;
  let pki: ForeignPki;
  const inputs: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-sign-cli-'));
    pki = await makeForeignPki(join(dir, 'pki'));
    await writeFile(join(dir, 'signature.png'), sampleSignaturePng());
    await writeFile(join(dir, 'seal.png'), await sampleSealPng());
    const base = await basePdf({ pages: 2, title: 'Quyết định' });
    inputs['pdftocairo'] = await pdftocairo(base);
    inputs['qpdf-object-streams'] = await qpdf(base, '--object-streams=generate');
    inputs['qpdf-linearized'] = await qpdf(base, '--linearize');
    inputs['pdf-2.0'] = await qpdf(base, '--force-version=2.0');
    if (hasTool('gs')) inputs['ghostscript'] = await ghostscript(base);
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(['pdftocairo', 'qpdf-object-streams', 'qpdf-linearized', 'pdf-2.0', 'ghostscript'])(
    'signs a %s file three times (RSA-2048, P-256, RSA-3072); pdfsig trusts all three',
    async (producer) => {
      const input = inputs[producer];
      if (!input) return; // ghostscript absent: nothing to test
      const files = [0, 1, 2, 3].map((i) => join(dir, `${producer}-${i}.pdf`));
      await writeFile(files[0] as string, input);
      const [rsa2048, p256, rsa3072] = pki.signers as [ForeignPki['signers'][0], ForeignPki['signers'][0], ForeignPki['signers'][0]];
      const steps: string[][] = [
        ['--p12', rsa2048.p12, '--pin', rsa2048.pin, '--invisible', '--reason', 'Soát xét'],
        ['--p12', p256.p12, '--pin', p256.pin, '--page', '1', '--rect', '330,120,200,140', '--image', join(dir, 'signature.png'), '--title', 'CHỦ TỊCH'],
        ['--p12', rsa3072.p12, '--pin', rsa3072.pin, '--kind', 'seal', '--page', '1', '--image', join(dir, 'seal.png')],
      ];
      for (const [i, step] of steps.entries()) {
        const r = await ecabinet(['sign', '--in', files[i] as string, '--out', files[i + 1] as string, ...step]);
        expect(r.stderr, `step ${i + 1}`).toBe('');
        expect(r.code).toBe(0);
        const before = await readFile(files[i] as string);
        const after = await readFile(files[i + 1] as string);
        expect(after.subarray(0, before.length).equals(before)).toBe(true);
        expect((await qpdfCheck(new Uint8Array(after))).status).toBe(0);
      }
      const report = await pdfsig(files[3] as string, pki.nssdir);
      expect(report.map((s) => s.signer)).toEqual([rsa2048.cn, p256.cn, rsa3072.cn]);
      for (const s of report) {
        expect(s.valid, s.raw).toBe(true);
        expect(s.trusted, s.raw).toBe(true);
      }
      expect(report.map((s) => s.wholeDocument)).toEqual([false, false, true]);

      const verified = await ecabinet(['verify', files[3] as string, '--trust', pki.rootPem, '--json']);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      const json = JSON.parse(verified.stdout) as { signatures: { ok: boolean; signer: { commonName: string }; coversWholeFile: boolean }[] };
      expect(json.signatures.map((x) => [x.ok, x.signer.commonName, x.coversWholeFile])).toEqual([
        [true, rsa2048.cn, false],
        [true, p256.cn, false],
        [true, rsa3072.cn, true],
      ]);
      // Without the anchor nothing is trusted, so verify must not exit 0.
      expect((await ecabinet(['verify', files[3] as string])).code).toBe(1);
    },
    120_000,
  );

  it('refuses bad input with one line, a stable code and no output file', async () => {
    const out = join(dir, 'never.pdf');
    const signer = pki.signers[0] as ForeignPki['signers'][0];
    const good = join(dir, 'pdftocairo-0.pdf');
    await writeFile(good, inputs['pdftocairo'] as Uint8Array);
    const encrypted = join(dir, 'encrypted.pdf');
    await writeFile(encrypted, await qpdf(inputs['pdftocairo'] as Uint8Array, '--encrypt', 'u', 'o', '256', '--'));
    const truncated = join(dir, 'truncated.pdf');
    await writeFile(truncated, (inputs['pdftocairo'] as Uint8Array).subarray(0, 700));
    const cases: [string[], RegExp, number][] = [
      [['--in', encrypted, '--p12', signer.p12, '--pin', signer.pin], /\[pdf\.encrypted\]/, 1],
      [['--in', truncated, '--p12', signer.p12, '--pin', signer.pin], /\[pdf\.malformed\]/, 1],
      [['--in', good, '--p12', signer.p12, '--pin', 'wrong'], /\[signing\.wrong_pin\]/, 1],
      [['--in', good, '--p12', good, '--pin', '1'], /\[signing\.bad_credential\]/, 1],
      [['--in', good, '--p12', signer.p12, '--pin', signer.pin, '--level', 'B-T', '--tsa', 'http://127.0.0.1:9/tsa'], /\[signing\.tsa_failed\]/, 1],
      [['--in', good, '--p12', signer.p12, '--pin', signer.pin, '--page', '9', '--rect', '10,10,100,50'], /\[signing\.placement_invalid\]/, 1],
      [['--in', good, '--p12', signer.p12, '--pin', signer.pin, '--rect', '10,10,abc'], /--rect/, 2],
      [['--in', good, '--p12', signer.p12], /--pin is required/, 2],
      [['--in', join(dir, 'missing.pdf'), '--p12', signer.p12, '--pin', signer.pin], /no such file/, 1],
    ];
    for (const [args, message, code] of cases) {
      const r = await ecabinet(['sign', ...args, '--out', out]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr.trim().split('\n')[0], args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  }, 120_000);

  it('verify exits 1 when a byte inside a signed range changed', async () => {
    const signer = pki.signers[0] as ForeignPki['signers'][0];
    const input = join(dir, 'flip-in.pdf');
    const signed = join(dir, 'flip-signed.pdf');
    await writeFile(input, inputs['pdftocairo'] as Uint8Array);
    expect((await ecabinet(['sign', '--in', input, '--out', signed, '--p12', signer.p12, '--pin', signer.pin])).code).toBe(0);
    const bytes = await readFile(signed);
    // A byte of the first stream's data: covered by the signed range, yet the file still parses.
    const at = bytes.indexOf('stream\n') + 'stream\n'.length + 5;
    bytes[at] = (bytes[at] as number) ^ 0x01;
    const flipped = join(dir, 'flip-broken.pdf');
    await writeFile(flipped, bytes);
    const r = await ecabinet(['verify', flipped, '--trust', pki.rootPem]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/integrity BROKEN/);
    expect((await pdfsig(flipped, pki.nssdir))[0]?.valid).toBe(false);
  }, 60_000);

  it('makes a development PKI with pki init', async () => {
    const pkiDir = join(dir, 'dev-pki');
    const r = await ecabinet(['pki', 'init', '--dir', pkiDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const index = JSON.parse(await readFile(join(pkiDir, 'index.json'), 'utf8')) as { entries: { id: string }[] };
    expect(index.entries.map((e) => e.id)).toEqual(expect.arrayContaining(['person:city.leader', 'seal:HN', 'tsa']));
    const again = await ecabinet(['pki', 'init', '--dir', pkiDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a development PKI/);
  }, 60_000);
});
