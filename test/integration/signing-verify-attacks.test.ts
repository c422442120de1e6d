// The attack corpus (test/helpers/pdf-attacks.ts) beside poppler's pdfsig, and through the
// CLI. pdfsig checks the cryptographic part only: for every change after signing it still says
// "Signature is Valid" (at most "Not total document signed"); a copied signature is a second
// valid one to it, and a bare trailer naming a prepared catalog hides the signature from it.
// Our verdict on each is not ok, with the reason.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPdf } from '../../src/signing/verify/index.ts';
import { attackCorpus, docMdpCorpus, type AttackCase, type LegitimateCase } from '../helpers/pdf-attacks.ts';
import { pkiFile, signerOf } from '../helpers/signing-pki.ts';
import { inProcessTimestamp, nssTrusting, pdfsig, type PdfsigEntry } from '../helpers/verify-tools.ts';
import { runCli } from '../helpers/cli.ts';


const ecabinet = (args: string[]) => runCli(args, { TSA_URL: '' });

let dir: string;
let nssdb: string;
let anchors: Uint8Array[];
let attacks: AttackCase[];
let legitimate: LegitimateCase[];

async function poppler(name: string, bytes: Uint8Array): Promise<PdfsigEntry[]> {
  const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.pdf`);
  await writeFile(file, bytes);
  return pdfsig(file, nssdb, dir);
}

describe('attacks after signing: pdfsig beside our verdict', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-attacks-'));
    await writeFile(join(dir, 'root.pem'), await pkiFile('root-ca.pem'));
    nssdb = await nssTrusting(dir, join(dir, 'root.pem'));
    anchors = [await pkiFile('root-ca.cer')];
    const signer = await signerOf('test:ecdsa-p256');
    const corpus = await attackCorpus(signer);
    const mdp = await docMdpCorpus(signer, await signerOf('person:city.leader'), (await inProcessTimestamp()).stampDigest);
    attacks = [...corpus.cases, ...mdp.attacks];
    legitimate = mdp.legitimate;
  }, 120_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('pdfsig calls the first signature valid after every change but one it cannot see at all; we call none of them valid', async () => {
    const table: string[] = [];
    for (const attack of attacks) {
      const pop = await poppler(attack.name, attack.bytes);
      const ours = await verifyPdf(attack.bytes, { trustAnchors: anchors });
      const first = ours.signatures[0];
      table.push(`${attack.name}: pdfsig ${pop[0] ? `${pop[0].valid ? 'valid' : 'NOT valid'}${pop[0].totalDocument ? ', total document' : ''}` : 'no signature'}; ours ${first?.status}`);
      expect(ours.ok, attack.name).toBe(false);
      expect(first?.status, attack.name).toBe(attack.status);
      if (attack.pdfsig === 'absent') {
        expect(pop, attack.name).toEqual([]);
        continue;
      }
      expect(pop[0]?.field, attack.name).toBe('Signature1');
      expect(pop[0]?.valid, `${attack.name}\n${pop[0]?.raw}`).toBe(true);
      expect(pop[0]?.digestMismatch, attack.name).toBe(false);
      // A range not starting at 0 even fools poppler into "Total document signed".
      expect(pop[0]?.totalDocument, attack.name).toBe(attack.name === '/ByteRange that does not start at 0');
    }
    console.info(table.join('\n'));
  }, 120_000);

  it('pdfsig takes a copied signature for a second valid one', async () => {
    const copied = attacks.find((a) => a.name === 'new field with a copied signature dictionary') as AttackCase;
    const pop = await poppler('copied', copied.bytes);
    expect(pop.map((p) => [p.field, p.valid])).toEqual([['Signature1', true], ['Copy', true]]);
    const ours = await verifyPdf(copied.bytes, { trustAnchors: anchors });
    expect(ours.signatures.map((s) => [s.fieldName, s.status])).toEqual([['Signature1', 'modified'], ['Copy', 'invalid']]);
  });

  it('permitted changes: pdfsig and we both find every signature intact', async () => {
    for (const c of legitimate) {
      const pop = await poppler(c.name, c.bytes);
      const ours = await verifyPdf(c.bytes, { trustAnchors: anchors });
      expect(ours.ok, c.name).toBe(true);
      // pdfsig does not check ETSI.RFC3161 document timestamps; the approval signatures it checks.
      for (const [i, s] of ours.signatures.entries()) if (s.kind === 'signature') expect(pop[i]?.valid, `${c.name} #${i + 1}`).toBe(true);
    }
  });

  it('ecabinet verify: exit 1 and the reason for an attack, --json with status and modifications; exit 0 when permitted', async () => {
    const attack = attacks.find((a) => a.name === 'page content replaced') as AttackCase;
    const file = join(dir, 'content.pdf');
    await writeFile(file, attack.bytes);
    const root = join(dir, 'root.pem');
    const text = await ecabinet(['verify', file, '--trust', root]);
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(/NOT all valid and trusted/);
    expect(text.stdout).toMatch(/#1 Signature1: MODIFIED/);
    expect(text.stdout).toMatch(/changed after: other \(NOT PERMITTED\)/);
    expect(text.stdout).toMatch(/! modified: revision 2 \(other\): object \d+ \(page 1 \/Contents\) changed/);
    const json = await ecabinet(['verify', file, '--trust', root, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, signatures: [{ ok: false, status: 'modified', modifications: [expect.stringMatching(/page 1 \/Contents/)] }] });

    const permitted = join(dir, 'permitted.pdf');
    await writeFile(permitted, (legitimate[0] as LegitimateCase).bytes);
    const ok = await ecabinet(['verify', permitted, '--trust', root]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/certified by Signature1: DocMDP P=2/);
  }, 60_000);
});
