import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_TSA_POLICY_OID } from '../../src/pki/index.ts';
import { algorithmIdentifier, boolean, contextConstructed, integer, octetString, sequence } from '../../src/signing/cms/der-writer.ts';
import { OID } from '../../src/signing/cms/oids.ts';
import {
  createTimestampAuthority,
  createTimestampClient,
  parseTimeStampResp,
  parseTimeStampToken,
  verifyTimeStampToken,
  type TimestampAuthority,
} from '../../src/signing/timestamp/index.ts';
import { encodeTimeStampReq } from '../../src/signing/timestamp/tsp-messages.ts';
import { hex, keyOf, testPki } from '../helpers/signing-pki.ts';

const data = Buffer.from('signature value bytes');
const imprint = createHash('sha256').update(data).digest();
const GEN_TIME = new Date('2026-03-01T03:00:00.250Z'); // the test PKI's clock + 250 ms

let tsa: TimestampAuthority;
let tsaCert: Uint8Array;

function request(over: { nonce?: bigint; certReq?: boolean; policy?: string; hash?: string; hashed?: Uint8Array } = {}): Uint8Array {
  return encodeTimeStampReq({
    hashAlgorithm: over.hash ?? OID.sha256,
    hashedMessage: over.hashed ?? imprint,
    nonce: over.nonce ?? 0x1234567890abcdefn,
    certReq: over.certReq ?? true,
    policy: over.policy,
  });
}

/** A fetch that hands the body to a responder, like the HTTP route will. */
function fetchVia(respond: (req: Uint8Array) => Promise<Uint8Array>, init: ResponseInit = {}): typeof fetch {
  return async (_url, req) =>
    new Response(new Uint8Array(await respond(new Uint8Array(req?.body as Uint8Array))), {
      headers: { 'content-type': 'application/timestamp-reply' },
      ...init,
    });
}

describe('timestamp authority (RFC 3161 responder)', () => {
  beforeAll(async () => {
    await testPki();
    const k = await keyOf('tsa');
    tsaCert = k.certificate;
    tsa = createTimestampAuthority({ ...k, policyOid: DEV_TSA_POLICY_OID, now: () => GEN_TIME, serial: () => 4242n });
  }, 60_000);

  it('grants a token with the imprint, nonce, genTime, accuracy and TSA name', async () => {
    const resp = parseTimeStampResp(await tsa.respond(request()));
    expect(resp.status).toBe(0);
    const token = parseTimeStampToken(resp.token as Uint8Array);
    expect(token.genTime.toISOString()).toBe(GEN_TIME.toISOString());
    expect(token.tstInfo.serialNumber).toBe(4242n);
    expect(token.tstInfo.nonce).toBe(0x1234567890abcdefn);
    expect(token.tstInfo.policy).toBe(DEV_TSA_POLICY_OID);
    expect(token.tstInfo.accuracy).toEqual({ seconds: 1, millis: 0, micros: 0 });
    expect(hex(token.messageImprint.hashedMessage)).toBe(hex(imprint));
    expect(hex(token.tsaCertificate as Uint8Array)).toBe(hex(tsaCert));
    expect(token.signedData.signedAttributes.types).toContain(OID.signingCertificateV2);
    expect(verifyTimeStampToken(token, data)).toEqual({
      imprintMatches: true,
      signatureValid: true,
      certBindingValid: true,
      tsaCertificateValid: true,
      problems: [],
    });
    expect(verifyTimeStampToken(token, Buffer.from('other data')).imprintMatches).toBe(false);
  });

  it('is deterministic with a fixed clock and serial (RSA PKCS#1 v1.5)', async () => {
    expect(hex(await tsa.respond(request()))).toBe(hex(await tsa.respond(request())));
  });

  it('leaves certificates out without certReq; the caller then supplies the TSA certificate', async () => {
    const token = parseTimeStampToken(parseTimeStampResp(await tsa.respond(request({ certReq: false }))).token as Uint8Array);
    expect(token.certificates).toHaveLength(0);
    expect(verifyTimeStampToken(token, data).signatureValid).toBe(false);
    expect(verifyTimeStampToken(token, data, { tsaCertificate: tsaCert }).signatureValid).toBe(true);
  });

  it('answers bad requests with a rejection status instead of throwing', async () => {
    const failures = async (req: Uint8Array): Promise<string[]> => {
      const r = parseTimeStampResp(await tsa.respond(req));
      expect(r.status).toBe(2);
      expect(r.token).toBeNull();
      return r.failInfo;
    };
    expect(await failures(Buffer.from('garbage'))).toEqual(['badDataFormat']);
    expect(await failures(new Uint8Array(0))).toEqual(['badDataFormat']);
    expect(await failures(request({ hash: OID.sha1, hashed: new Uint8Array(20) }))).toEqual(['badAlg']);
    expect(await failures(request({ hash: '1.2.3.4' }))).toEqual(['badAlg']);
    expect(await failures(request({ hashed: new Uint8Array(31) }))).toEqual(['badDataFormat']);
    expect(await failures(request({ policy: '1.2.3' }))).toEqual(['unacceptedPolicy']);
    const v2 = sequence(integer(2), sequence(algorithmIdentifier(OID.sha256), octetString(imprint)));
    expect(await failures(v2)).toEqual(['badRequest']);
    const withExt = sequence(integer(1), sequence(algorithmIdentifier(OID.sha256), octetString(imprint)), boolean(true), contextConstructed(0, sequence()));
    expect(await failures(withExt)).toEqual(['unacceptedExtension']);
  });

  it('accepts its own policy when asked for it, and SHA-512 imprints', async () => {
    expect(parseTimeStampResp(await tsa.respond(request({ policy: DEV_TSA_POLICY_OID }))).status).toBe(0);
    const r = await tsa.respond(request({ hash: OID.sha512, hashed: createHash('sha512').update(data).digest() }));
    expect(verifyTimeStampToken(parseTimeStampToken(parseTimeStampResp(r).token as Uint8Array), data).imprintMatches).toBe(true);
  });

  it('refuses a certificate without the timeStamping key purpose', async () => {
    const leader = await keyOf('person:city.leader');
    expect(() => createTimestampAuthority({ ...leader, policyOid: DEV_TSA_POLICY_OID })).toThrow(
      expect.objectContaining({ code: 'signing.certificate_not_for_signing' }),
    );
  });
});

describe('timestamp client', () => {
  const url = 'https://user:secret@tsa.example.test/tsr?token=abc';
  const expectFailure = async (fetchImpl: typeof fetch, message: RegExp, timeoutMs?: number): Promise<void> => {
    const client = createTimestampClient({ url, fetch: fetchImpl, timeoutMs });
    const err = await client(data).then(
      () => null,
      (e: unknown) => e as Error & { code: string },
    );
    expect(err?.code).toBe('signing.tsa_failed');
    expect(err?.message).toMatch(/^timestamp authority https:\/\/tsa\.example\.test\/tsr: /);
    expect(err?.message).not.toContain('secret');
    expect(err?.message).toMatch(message);
  };

  it('returns a verified token for SHA-256 of the data', async () => {
    const client = createTimestampClient({ url, fetch: fetchVia((r) => tsa.respond(r)) });
    const token = parseTimeStampToken(await client(data));
    expect(hex(token.messageImprint.hashedMessage)).toBe(hex(imprint));
    expect(token.messageImprint.hashAlgorithm).toBe(OID.sha256);
  });

  it('sends application/timestamp-query with a random nonce and certReq', async () => {
    const seen: { type: string | null; method?: string }[] = [];
    const spy: typeof fetch = async (u, init) => {
      seen.push({ type: new Headers(init?.headers).get('content-type'), method: init?.method });
      return fetchVia((r) => tsa.respond(r))(u, init);
    };
    const client = createTimestampClient({ url, fetch: spy });
    const a = parseTimeStampToken(await client(data)).tstInfo.nonce;
    const b = parseTimeStampToken(await client(data)).tstInfo.nonce;
    expect(seen[0]).toEqual({ type: 'application/timestamp-query', method: 'POST' });
    expect(a).not.toBe(b);
  });

  it('fails clearly on HTTP errors, wrong content types, garbage and unreachable servers', async () => {
    await expectFailure(async () => new Response('no', { status: 503, statusText: 'Service Unavailable' }), /HTTP 503/);
    await expectFailure(fetchVia((r) => tsa.respond(r), { headers: { 'content-type': 'text/html' } }), /content type "text\/html"/);
    await expectFailure(fetchVia(async () => Buffer.from('<html>')), /not a TimeStampResp/);
    await expectFailure(async () => {
      throw new TypeError('fetch failed');
    }, /could not be reached \(fetch failed\)/);
  });

  it('fails when the TSA refuses, and says why', async () => {
    const refusing = createTimestampAuthority({ ...(await keyOf('tsa')), policyOid: '1.2.3.4.5' });
    const client = createTimestampClient({ url, fetch: fetchVia((r) => refusing.respond(r)), policyOid: DEV_TSA_POLICY_OID });
    await expect(client(data)).rejects.toThrow(/refused the request \(PKIStatus 2: .*unacceptedPolicy\)/);
  });

  it('fails when the nonce or the imprint is not echoed', async () => {
    // A replayed answer to some other request.
    const stale = await tsa.respond(request({ nonce: 99n }));
    await expectFailure(fetchVia(async () => stale), /does not echo our nonce/);
    const otherData = await tsa.respond(request({ hashed: createHash('sha256').update('x').digest() }));
    await expectFailure(fetchVia(async () => otherData), /messageImprint differs/);
  });

  it('fails on a token whose signature does not verify', async () => {
    const tamper = async (r: Uint8Array): Promise<Uint8Array> => {
      const resp = Buffer.from(await tsa.respond(r));
      resp[resp.length - 10] = (resp[resp.length - 10] as number) ^ 0xff; // inside the signature value
      return resp;
    };
    await expectFailure(fetchVia(tamper), /does not verify/);
  });

  it('times out', async () => {
    const hanging: typeof fetch = (_u, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    await expectFailure(hanging, /no answer within 50 ms/, 50);
  });
});
