import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initDevPki, readDevPkiIndex, type DevPkiIndex } from '../../src/pki/index.ts';
import { loadPkcs12Signer } from '../../src/signing/signers/index.ts';
import { openssl } from '../helpers/signing-pki.ts';

// What `ecabinet pki init --dir DIR` writes, checked with the openssl CLI.

let dir: string;
let index: DevPkiIndex;

describe('initDevPki checked by openssl', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-pki-'));
    const started = Date.now();
    index = await initDevPki(dir);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the manifest, PINs and README', async () => {
    expect(await readDevPkiIndex(dir)).toEqual(index);
    const people = index.entries.filter((e) => e.kind === 'person').map((e) => e.username);
    expect(people.sort()).toEqual(['city.clerk', 'city.leader', 'd01.clerk', 'd01.leader', 'd02.clerk', 'd02.leader']);
    expect(index.entries.filter((e) => e.kind === 'seal').map((e) => e.unitCode)).toEqual(['HN', 'd01', 'd02']);
    expect(index.crlUrl).toBe('http://localhost:3000/pki/issuing-ca.crl');
    const pins = JSON.parse(await readFile(join(dir, 'pins.json'), 'utf8')) as Record<string, string>;
    expect(pins['people/city.leader.p12']).toBe('123456');
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toMatch(/NOT FOR PRODUCTION[\s\S]*people\/city\.leader\.p12/);
    expect((await stat(join(dir, 'people/city.leader.p12'))).mode & 0o077).toBe(0);
  });

  it('openssl verify: good certificates OK, the revoked one revoked, the expired one expired', async () => {
    for (const e of index.entries) {
      const r = await openssl(['verify', '-CAfile', 'root-ca.pem', '-untrusted', 'issuing-ca.pem', '-crl_check', '-CRLfile', 'issuing-ca.crl.pem', e.certificate], { cwd: dir });
      const out = r.stdout + r.stderr;
      if (e.status === 'revoked') expect(out).toContain('certificate revoked');
      else if (e.status === 'expired') expect(out).toContain('certificate has expired');
      else expect(out.trim()).toBe(`${e.certificate}: OK`);
    }
  });

  it('openssl reads the DER CRL served at the CRL URL and every PKCS#12 with its PIN', async () => {
    const crl = await openssl(['crl', '-inform', 'DER', '-in', 'issuing-ca.crl', '-noout', '-text'], { cwd: dir });
    const revoked = index.entries.find((e) => e.status === 'revoked')?.serialNumber as string;
    expect(crl.stdout.replace(/\s+/g, ' ')).toMatch(new RegExp(`Serial Number: 0*${revoked.toUpperCase()} Revocation Date`));
    for (const e of [index.root, index.issuing, ...index.entries]) {
      const r = await openssl(['pkcs12', '-info', '-noout', '-in', e.p12, '-passin', `pass:${e.pin}`], { cwd: dir });
      expect(r.code, `${e.p12}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toContain('MAC: sha256');
      const wrong = await openssl(['pkcs12', '-info', '-noout', '-in', e.p12, '-passin', 'pass:000000'], { cwd: dir });
      expect(wrong.code).not.toBe(0);
    }
  });

  it('gives leaves the CRL distribution point and the TSA its key purpose, as openssl reads them', async () => {
    const leader = await openssl(['x509', '-in', 'people/city.leader.pem', '-noout', '-text'], { cwd: dir });
    expect(leader.stdout).toContain('URI:http://localhost:3000/pki/issuing-ca.crl');
    expect(leader.stdout).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    const subject = await openssl(['x509', '-in', 'people/city.leader.pem', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus_space'], { cwd: dir });
    expect(subject.stdout.trim()).toBe('subject=C=VN, O=UBND Thành phố Hà Nội, CN=Trần Văn Quang');
    const tsa = await openssl(['x509', '-in', 'tsa/tsa.pem', '-noout', '-text'], { cwd: dir });
    expect(tsa.stdout).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
    const issuing = await openssl(['x509', '-in', 'issuing-ca.pem', '-noout', '-text'], { cwd: dir });
    expect(issuing.stdout).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(issuing.stdout).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
  });

  it('makes P12s the signer loads, and refuses to overwrite the directory without force', async () => {
    for (const e of index.entries.filter((x) => x.status === 'valid' && x.kind !== 'tsa')) {
      await expect(loadPkcs12Signer(await readFile(join(dir, e.p12)), e.pin)).resolves.toBeTruthy();
    }
    await expect(initDevPki(dir)).rejects.toThrow(/already holds a development PKI/);
    expect(existsSync(join(dir, 'index.json'))).toBe(true);
  });
});
