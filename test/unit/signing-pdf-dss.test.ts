// The Document Security Store (ETSI EN 319 142-1 §5.4.2), appended without disturbing signatures.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendDss, embedSignature, openPdf, prepareSignature, readDss, readSignatures } from '../../src/signing/pdf/index.ts';
import { basePdf, dummyCms, startsWith } from '../helpers/pdf-fixtures.ts';

const der = (tag: number, ...body: number[]) => new Uint8Array([tag, body.length, ...body]);
const cert1 = der(0x30, 1, 2, 3);
const cert2 = der(0x30, 4, 5, 6);
const crl = der(0x30, 7, 7);
const ocsp = der(0x30, 8, 8, 8);

async function signedTwice(objectStreams: boolean) {
  let bytes = await basePdf({ objectStreams });
  for (const size of [90, 91]) {
    const p = await prepareSignature(await openPdf(bytes), { subFilter: 'ETSI.CAdES.detached', contentsSize: 512 });
    bytes = embedSignature(p, dummyCms(size));
  }
  return bytes;
}

describe.each([false, true])('appendDss (object streams: %s)', (objectStreams) => {
  it('adds certificates, CRLs and OCSP responses in an update that keeps every signature', async () => {
    const signed = await signedTwice(objectStreams);
    const before = await readSignatures(signed);
    const out = await appendDss(signed, { certs: [cert1, cert2], crls: [crl], ocsps: [ocsp] });
    expect(startsWith(out, signed)).toBe(true);
    const dss = await readDss(out);
    expect(dss.certs.map((c) => Buffer.from(c))).toEqual([Buffer.from(cert1), Buffer.from(cert2)]);
    expect(dss.crls.map((c) => Buffer.from(c))).toEqual([Buffer.from(crl)]);
    expect(dss.ocsps.map((c) => Buffer.from(c))).toEqual([Buffer.from(ocsp)]);
    const after = await readSignatures(out);
    expect(after.map((s) => s.byteRange)).toEqual(before.map((s) => s.byteRange));
    expect(after.every((s) => !s.coversWholeFile && s.issues.length === 0)).toBe(true);
    expect(after[1]?.revisionEnd).toBe(signed.length);
  });

  it('merges into an existing DSS without storing the same DER twice', async () => {
    const once = await appendDss(await signedTwice(objectStreams), { certs: [cert1], crls: [] });
    const twice = await appendDss(once, { certs: [cert1, cert2], crls: [crl] });
    const dss = await readDss(twice);
    expect(dss.certs.map((c) => Buffer.from(c))).toEqual([Buffer.from(cert1), Buffer.from(cert2)]);
    expect(dss.crls).toHaveLength(1);
  });

  it('adds /VRI entries keyed by the SHA-1 of each signature\'s /Contents string', async () => {
    const signed = await signedTwice(objectStreams);
    const out = await appendDss(signed, { certs: [cert1], crls: [crl], vri: true });
    const expected = (await readSignatures(signed)).map((s) => {
      // The whole /Contents string, zero padding included (Adobe/pyHanko convention).
      const padded = Buffer.alloc(512);
      Buffer.from(s.contents).copy(padded);
      return createHash('sha1').update(padded).digest('hex').toUpperCase();
    });
    expect((await readDss(out)).vriKeys.sort()).toEqual(expected.sort());
  });
});

describe('readDss', () => {
  it('returns empty lists for a file without a DSS', async () => {
    expect(await readDss(await basePdf())).toEqual({ certs: [], crls: [], ocsps: [], vriKeys: [] });
  });
});
