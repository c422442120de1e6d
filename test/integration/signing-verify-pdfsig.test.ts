// Our verifier beside verifiers we did not write: poppler's pdfsig (trust from an NSS database),
// `openssl cms -verify` on each /ByteRange + /Contents, and `openssl ts -verify` on each
// signature timestamp. Where they can see the same fact, they must agree.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSignedData } from '../../src/signing/cms/index.ts';
import { appendDss, readSignatures } from '../../src/signing/pdf/index.ts';
import { signPdf } from '../../src/signing/sign-pdf.ts';
import { verifyPdf } from '../../src/signing/verify/index.ts';
import { appendClassicUpdate, basePdf, lastTrailer } from '../helpers/pdf-fixtures.ts';
import { openssl, pkiEntry, pkiFile, signerOf } from '../helpers/signing-pki.ts';
import { COMMENT_FILL, commentedPdf, inProcessTimestamp, nssTrusting, pdfsig, sh, signedRanges } from '../helpers/verify-tools.ts';

const SIGNERS = [
  ['RSA-2048 PKCS#1 v1.5 SHA-256', 'person:city.leader'],
  ['ECDSA P-256 SHA-256', 'test:ecdsa-p256'],
  ['RSA-3072 PKCS#1 v1.5 SHA-256', 'test:rsa-3072'],
] as const;

let dir: string;
let nssdb: string;
let anchors: Uint8Array[];
let threeTimes: Uint8Array;
const inDir = (f: string): string => join(dir, f);

async function writeTo(name: string, bytes: Uint8Array | string): Promise<string> {
  await writeFile(inDir(name), bytes);
  return inDir(name);
}

/** `openssl cms -verify` of every signature of `bytes`; resolves with one exit code per signature. */
async function opensslCms(bytes: Uint8Array, tag: string): Promise<number[]> {
  const codes: number[] = [];
  for (const [i, sig] of (await readSignatures(bytes)).entries()) {
    const der = await writeTo(`${tag}-${i}.der`, sig.contents);
    const ranges = await writeTo(`${tag}-${i}.bin`, signedRanges(bytes, sig.byteRange));
    // OpenSSL 3.0's `cms` has no -untrusted (it reads it as a cipher name); -certfile adds
    // the issuing CA to the untrusted certificates the same way.
    const r = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', der, '-content', ranges,
      '-CAfile', inDir('root.pem'), '-certfile', inDir('issuing.pem'), '-purpose', 'any', '-out', '/dev/null']);
    codes.push(r.code === 0 && r.stderr.includes('Verification successful') ? 0 : r.code || 1);
  }
  return codes;
}

describe('verifyPdf agrees with pdfsig and openssl', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecabinet-verify-'));
    await writeFile(inDir('root.pem'), await pkiFile('root-ca.pem'));
    await writeFile(inDir('issuing.pem'), await pkiFile('issuing-ca.pem'));
    nssdb = await nssTrusting(dir, inDir('root.pem'));
    anchors = [await pkiFile('root-ca.cer')];
    const { stamp } = await inProcessTimestamp();
    threeTimes = commentedPdf();
    for (const [, id] of SIGNERS) threeTimes = await signPdf(threeTimes, { signer: await signerOf(id), level: 'B-T', timestamp: stamp, reason: 'Phê duyệt' });
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('three B-T signatures (RSA-2048, P-256, RSA-3072): pdfsig and verifyPdf agree field by field', async () => {
    const pop = await pdfsig(await writeTo('three.pdf', threeTimes), nssdb, dir);
    const report = await verifyPdf(threeTimes, { trustAnchors: anchors });
    expect(pop).toHaveLength(3);
    expect(report.signatures).toHaveLength(3);
    expect(report.ok).toBe(true);
    expect(pop.map((p) => p.totalDocument)).toEqual([false, false, true]);
    for (const [i, [algorithm, id]] of SIGNERS.entries()) {
      const [p, s] = [pop[i], report.signatures[i]];
      const entry = await pkiEntry(id);
      expect(p?.valid, p?.raw).toBe(true);
      expect(p?.trusted, p?.raw).toBe(true);
      expect(s).toMatchObject({
        fieldName: p?.field,
        kind: 'signature',
        ok: true,
        algorithm,
        subFilter: p?.subFilter,
        coversWholeFile: p?.totalDocument,
        level: 'B-T',
        signer: { commonName: p?.commonName, subject: entry.subjectLine },
        organisation: entry.subject.O,
        integrity: { ok: true, digestMatches: true, signatureValid: true, certBindingValid: true, problems: [] },
        chain: { ok: true, trusted: true, problems: [] },
        timestamp: { present: true, valid: true, problems: [] },
      });
      expect(s?.chain.path).toHaveLength(3);
      expect(Math.abs(Date.parse(s?.signingTime as string) - (p?.signingTime?.getTime() ?? NaN))).toBeLessThanOrEqual(1000);
      expect(Math.abs(Date.parse(s?.timestampTime as string) - Date.parse(s?.signingTime as string))).toBeLessThan(5000);
      expect(s?.modifiedAfter.map((r) => r.kind)).toEqual(Array(2 - i).fill('signature'));
    }
  });

  it('openssl cms accepts every signature and openssl ts every signature timestamp', async () => {
    expect(await opensslCms(threeTimes, 'ok')).toEqual([0, 0, 0]);
    for (const [i, sig] of (await readSignatures(threeTimes)).entries()) {
      const sd = parseSignedData(sig.contents);
      const token = await writeTo(`token-${i}.der`, sd.timestampToken as Uint8Array);
      const data = await writeTo(`sigvalue-${i}.bin`, sd.signatureValue);
      const r = await openssl(['ts', '-verify', '-in', token, '-token_in', '-data', data, '-CAfile', inDir('root.pem'), '-untrusted', inDir('issuing.pem')]);
      expect(r.stdout, r.stderr).toContain('Verification: OK');
    }
  });

  it('one byte flipped in the middle of the first range: pdfsig says Digest Mismatch, openssl fails, integrity is false', async () => {
    const [first] = await readSignatures(threeTimes);
    const at = Math.floor((first?.byteRange[1] as number) / 2);
    expect(String.fromCharCode(threeTimes[at] as number)).toBe(COMMENT_FILL); // inside the comment: the file still parses
    const tampered = Uint8Array.from(threeTimes);
    tampered[at] = 'y'.charCodeAt(0);

    const pop = await pdfsig(await writeTo('tampered.pdf', tampered), nssdb, dir);
    expect(pop.map((p) => p.digestMismatch)).toEqual([true, true, true]);
    expect(await opensslCms(tampered, 'bad')).not.toContain(0);
    const report = await verifyPdf(tampered, { trustAnchors: anchors });
    expect(report.ok).toBe(false);
    for (const s of report.signatures) {
      expect(s.integrity).toMatchObject({ ok: false, digestMatches: false, signatureValid: true });
      expect(s.integrity.problems).toContain('message-digest does not match the signed content');
      expect(s.ok).toBe(false);
    }
  });

  it('a benign update after signing keeps the signature valid and is listed as dss or inert', async () => {
    const signed = await signPdf(await basePdf(), { signer: await signerOf('seal:HN'), level: 'B-T', timestamp: (await inProcessTimestamp()).stamp });
    const withDss = await appendDss(signed, { certs: [await pkiFile('issuing-ca.cer')], crls: [await pkiFile('issuing-ca.crl')] });
    const size = lastTrailer(withDss).size;
    const withObject = appendClassicUpdate(withDss, [[size, '<< /Note (unrelated) >>']]);
    const pop = await pdfsig(await writeTo('benign.pdf', withObject), nssdb, dir);
    expect(pop[0]?.valid, pop[0]?.raw).toBe(true);
    expect(pop[0]?.totalDocument).toBe(false);

    const report = await verifyPdf(withObject, { trustAnchors: anchors });
    const [s] = report.signatures;
    expect(s).toMatchObject({ ok: true, status: 'valid', coversWholeFile: false, integrity: { ok: true }, revocation: { status: 'good', source: 'dss' } });
    expect(s?.modifiedAfter.map((r) => [r.kind, r.allowed])).toEqual([['dss', true], ['inert', true]]);
    expect(s?.modifiedAfter[1]?.details).toEqual(['1 new object(s) nothing refers to']);
    expect(report.document.revisions.map((r) => r.end)).toEqual([...report.document.revisions.map((r) => r.end)].sort((a, b) => a - b));
    expect(report.document.revisions.at(-1)?.end).toBe(withObject.length);
  });

  it('a revoked certificate signed at B-LT with the CRL is reported revoked', async () => {
    const entry = await pkiEntry('test:revoked');
    const signed = await signPdf(await basePdf(), {
      signer: await signerOf('test:revoked'),
      level: 'B-LT',
      timestamp: (await inProcessTimestamp()).stamp,
      crls: [await pkiFile('issuing-ca.crl')],
    });
    const report = await verifyPdf(signed, { trustAnchors: anchors });
    const [s] = report.signatures;
    expect(report.ok).toBe(false);
    expect(s).toMatchObject({
      ok: false,
      level: 'B-LT',
      integrity: { ok: true },
      chain: { ok: true, trusted: true },
      revocation: { status: 'revoked', source: 'dss', revokedAt: entry.revokedAt },
      modifiedAfter: [{ kind: 'dss', details: [] }],
    });
    // pdfsig does not read CRLs: it calls the same signature valid and trusted.
    const pop = await pdfsig(await writeTo('revoked.pdf', signed), nssdb, dir);
    expect(pop[0]).toMatchObject({ valid: true, trusted: true });
  });

  it('a PDF signed by pdfsig -add-signature (adbe.pkcs7.detached, an openssl-made CA and key) verifies, and so does ours on top', async () => {
    const cnf = await writeTo('leaf.cnf', 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
    const steps: string[][] = [
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/C=VN/O=Other CA/CN=Other Root',
        '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
      ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/C=VN/O=Other Org/CN=Poppler Signer'],
      ['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '30', '-extfile', cnf, '-out', 'leaf.pem'],
      ['pkcs12', '-export', '-inkey', 'leaf.key', '-in', 'leaf.pem', '-out', 'leaf.p12', '-passout', 'pass:', '-name', 'popsig'],
      ['x509', '-in', 'ca.pem', '-outform', 'DER', '-out', 'ca.der'],
    ];
    for (const args of steps) expect((await sh('openssl', args, dir)).code, args.join(' ')).toBe(0);
    const otherDb = await nssTrusting(dir, inDir('ca.pem'), 'nss-other');
    expect((await sh('pk12util', ['-i', 'leaf.p12', '-d', otherDb, '-W', ''], dir)).code).toBe(0);
    await writeTo('unsigned.pdf', await basePdf());
    const add = await sh('pdfsig', ['-nssdir', otherDb, '-add-signature', '-nick', 'popsig', '-new-signature-field-name', 'PopplerSig', 'unsigned.pdf', 'popsig.pdf'], dir);
    expect(add.code, add.stderr).toBe(0);
    const popSigned = new Uint8Array(await readFile(inDir('popsig.pdf')));
    const otherRoot = new Uint8Array(await readFile(inDir('ca.der')));

    const alone = await verifyPdf(popSigned, { trustAnchors: [otherRoot] });
    expect(alone.ok).toBe(true);
    expect(alone.signatures[0]).toMatchObject({
      fieldName: 'PopplerSig',
      subFilter: 'adbe.pkcs7.detached',
      level: 'none',
      algorithm: 'RSA-2048 PKCS#1 v1.5 SHA-256',
      signer: { commonName: 'Poppler Signer' },
      organisation: 'Other Org',
      coversWholeFile: true,
      integrity: { ok: true, digestMatches: true, signatureValid: true },
      chain: { ok: true, trusted: true, path: ['C=VN, O=Other Org, CN=Poppler Signer', 'C=VN, O=Other CA, CN=Other Root'] },
      timestamp: { present: false },
    });
    // Not trusted without its root, but still intact.
    const untrusted = (await verifyPdf(popSigned, { trustAnchors: anchors })).signatures[0];
    expect(untrusted).toMatchObject({ ok: false, integrity: { ok: true }, chain: { trusted: false } });

    const both = await signPdf(popSigned, { signer: await signerOf('person:city.leader'), level: 'B-T', timestamp: (await inProcessTimestamp()).stamp });
    const report = await verifyPdf(both, { trustAnchors: [otherRoot, ...anchors] });
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => [s.fieldName, s.level, s.coversWholeFile])).toEqual([['PopplerSig', 'none', false], ['Signature1', 'B-T', true]]);
    expect(report.signatures[0]?.modifiedAfter.map((r) => r.kind)).toEqual(['signature']);
    const pop = await pdfsig(await writeTo('both.pdf', both), otherDb, dir);
    expect(pop.map((p) => p.valid)).toEqual([true, true]);
  });
});
