// Issue 9.2 through the command line: `ecabinet sign` and `ecabinet verify` refuse each hostile
// input with the same stable code (sign: exit 1, no output file; verify: exit 3, and with
// --json an error object), and neither prints a stack trace.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileInputs, type HostileInput } from '../helpers/pdf-hostile.ts';
import { PIN, p12Of, pkiFile } from '../helpers/signing-pki.ts';
import { runCli } from '../helpers/cli.ts';


const ecabinet = (args: string[]) => runCli(args, { TSA_URL: '' });

describe('ecabinet sign and verify on hostile PDFs', () => {
  let dir: string;
  let inputs: HostileInput[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-hostile-'));
    await writeFile(join(dir, 'signer.p12'), await p12Of('test:ecdsa-p256'));
    await writeFile(join(dir, 'root.pem'), await pkiFile('root-ca.pem'));
    // The four inputs issue 9.2 names: a deep array, a broken startxref, an object-stream loop,
    // a page-tree loop (the library test covers the other limits).
    const all = await hostileInputs();
    inputs = [all[0], all[2], all[3], all[5]] as HostileInput[];
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses each with one line and its stable code', async () => {
    for (const [i, input] of inputs.entries()) {
      const file = join(dir, `hostile-${i}.pdf`);
      const out = join(dir, `signed-${i}.pdf`);
      await writeFile(file, input.bytes);
      const sign = await ecabinet(['sign', '--in', file, '--out', out, '--p12', join(dir, 'signer.p12'), '--pin', PIN]);
      expect(sign.code, `${input.name}: ${sign.stderr}`).toBe(1);
      expect(sign.stderr.trim().split('\n')[0], input.name).toMatch(new RegExp(`\\[${input.code.replace('.', '\\.')}\\]$`));
      expect(existsSync(out), input.name).toBe(false);

      const verify = await ecabinet(['verify', file, '--trust', join(dir, 'root.pem'), '--json']);
      expect(verify.code, `${input.name}: ${verify.stderr}`).toBe(3);
      expect(verify.stderr, input.name).toMatch(new RegExp(`cannot be verified: .*\\[${input.code.replace('.', '\\.')}\\]`));
      expect(JSON.parse(verify.stdout), input.name).toMatchObject({ ok: false, error: { code: input.code } });
      for (const r of [sign, verify]) expect(r.stderr, input.name).not.toMatch(/\n\s+at |Maximum call stack/);
    }
  }, 240_000);

  it('sign --certify 2 makes a certification signature that verify reports', async () => {
    const { basePdf } = await import('../helpers/pdf-fixtures.ts');
    const input = join(dir, 'plain.pdf');
    const out = join(dir, 'certified.pdf');
    await writeFile(input, await basePdf());
    const sign = await ecabinet(['sign', '--in', input, '--out', out, '--p12', join(dir, 'signer.p12'), '--pin', PIN, '--certify', '2']);
    expect(sign.code, sign.stderr).toBe(0);
    const verify = await ecabinet(['verify', out, '--trust', join(dir, 'root.pem')]);
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(/certified by Signature1: DocMDP P=2 \(form filling and signing\)/);
    expect((await ecabinet(['sign', '--in', input, '--out', out, '--p12', join(dir, 'signer.p12'), '--pin', PIN, '--certify', '5'])).code).toBe(2);
  }, 60_000);

  it('exits 3 for a file that does not exist, 2 for a usage error', async () => {
    const missing = await ecabinet(['verify', join(dir, 'missing.pdf')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/cannot be verified: cannot read/);
    expect((await ecabinet(['verify'])).code).toBe(2);
  }, 60_000);
});
