import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/index.ts';
import type { CertificateInfo, SigningStatus } from '../../src/contract/credentials.ts';
import type { SigningAct } from '../../src/credentials/index.ts';
import { EnvelopeError, openUnderSecret, openWithPinKey, pinKeyFor } from '../../src/credentials/key-envelope.ts';
import { signingCredentials } from '../../src/credentials/credentials.table.ts';
import { getUnitByCode } from '../../src/org/index.ts';
import { loadTrustAnchors } from '../../src/pki/index.ts';
import { signPdf } from '../../src/signing/index.ts';
import { ApiClient } from '../helpers/client.ts';
import { answerRequests, waitForRequests } from '../helpers/device-tablet.ts';
import { databaseDump, encodings, outsideVerifiers, totpCode } from '../helpers/credentials.ts';
import { databaseKind } from '../helpers/database.ts';
import { makeForeignPki, pdfsig as foreignPdfsig } from '../helpers/foreign-pki.ts';
import { basePdf } from '../helpers/pdf-fixtures.ts';
import { withTempDir } from '../helpers/pdf-tools.ts';
import { openssl } from '../helpers/signing-pki.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/server.ts';

// The key-custody API exactly as issue 11 states it, on the real server with the development
// PKI and the production KDF (scrypt N=2^17): enrolment, confirmation, errors, the published
// trust anchors, a dump of the database, the lock and its unlock, and a tablet-held key that
// signs a PDF through the engine while the test plays the tablet (the browser test does it in
// Chromium).

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

describe(`key custody API (${databaseKind})`, () => {
  let t: TestServer;
  let leader: ApiClient;
  let totpSecret: string;
  /** 12 digits: long enough that finding it in a dump's base64 by chance is out of the question. */
  const PIN = '739184625037';
  const pkiDir = () => join(t.config.dataDir, 'pki');

  const login = async (username: string): Promise<ApiClient> => {
    const client = new ApiClient(t.url, 'en');
    expect((await client.login(username, DEMO_PASSWORD)).status).toBe(200);
    return client;
  };
  const me = (client: ApiClient) => client.json<{ id: string }>('/api/me');

  beforeAll(async () => {
    t = await startTestServer({ DEV_PKI: 'true' });
    leader = await login('d01.leader');
  });
  afterAll(() => t?.close());

  it('publishes the configured root certificates without a session', async () => {
    const res = await fetch(`${t.url}/api/pki/trust-anchors`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-pem-file');
    const body = await res.text();
    expect(body.trim()).toBe((await readFile(join(pkiDir(), 'root-ca.pem'), 'utf8')).trim());
    expect(new X509Certificate(body).subject).toContain('CN=ecabinet Development Root CA');
  });

  it('enrolls: {pin} → {totpSecret, otpauthUrl}, refusing an easy PIN', async () => {
    const weak = await leader.post('/api/me/signing/enroll', { pin: '123456' });
    expect(weak.status).toBe(400);
    expect((await weak.json()).code).toBe('signing.pin_invalid');

    const res = await leader.post('/api/me/signing/enroll', { pin: PIN });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { totpSecret: string; otpauthUrl: string };
    expect(Object.keys(body).sort()).toEqual(['otpauthUrl', 'totpSecret']);
    expect(body.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret: body.totpSecret, algorithm: 'SHA1', digits: '6', period: '30' });
    totpSecret = body.totpSecret;
    expect((await leader.json<SigningStatus>('/api/me/signing')).enrolment).toBe('pending');
  });

  it('confirms with a code: a wrong one is 403 signing.wrong_code, of two at once exactly one wins', async () => {
    const wrong = await leader.post('/api/me/signing/confirm', { code: '000000' });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).code).toBe('signing.wrong_code');

    const code = totpCode(totpSecret, Date.now());
    const answers = await Promise.all([leader.post('/api/me/signing/confirm', { code }), leader.post('/api/me/signing/confirm', { code })]);
    expect(answers.map((a) => a.status).filter((s) => s === 200)).toHaveLength(1);
    const loser = answers.find((a) => a.status !== 200);
    expect(['signing.wrong_code', 'signing.already_enrolled']).toContain((await loser?.json())?.code);

    const status = await leader.json<SigningStatus>('/api/me/signing');
    expect(status).toMatchObject({ enrolment: 'active', locked: false, attemptsLeft: 5 });
    expect(status.personal?.subject).toBe('C=VN, O=UBND Quận Ba Đình, CN=Hoàng Văn Nam');

    const again = await leader.post('/api/me/signing/enroll', { pin: PIN });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('signing.already_enrolled');
  });

  it('issued a certificate that chains to the published anchor (openssl verify)', async () => {
    const status = await leader.json<SigningStatus>('/api/me/signing');
    const anchors = await (await fetch(`${t.url}/api/pki/trust-anchors`)).text();
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'anchors.pem'), anchors);
      await writeFile(join(dir, 'leaf.pem'), status.personal?.certificatePem as string);
      const r = await openssl(['verify', '-CAfile', join(dir, 'anchors.pem'), '-untrusted', join(pkiDir(), 'issuing-ca.pem'), '-purpose', 'any', join(dir, 'leaf.pem')]);
      expect(r.stdout.trim()).toBe(`${join(dir, 'leaf.pem')}: OK`);
    });
    const leaf = new X509Certificate(status.personal?.certificatePem as string);
    expect(leaf.ca).toBe(false);
  });

  it('authorises an act with the PIN and a fresh code, and the database holds no PIN, secret or key in clear', async () => {
    const { id: userId } = await me(leader);
    const act = await t.server.app.credentials.authoriseAct({ userId, pin: PIN, code: totpCode(totpSecret, Date.now() + 30_000), documents: ['doc-1'] });
    const signer = await t.server.app.credentials.signerFor(act, { kind: 'personal', documentId: 'doc-1' });
    expect(signer.keyAlgorithm).toBe('rsa');

    const db = t.server.database.db;
    const dump = await databaseDump(db);
    expect(dump).not.toContain(PIN);
    expect(dump).not.toContain(totpSecret);
    expect(dump).not.toMatch(/PRIVATE KEY/);
    // What the server needs to open the key: the PIN and the key file outside the database.
    const serverKey = Buffer.from((await readFile(t.config.signingKeyFile, 'utf8')).trim(), 'base64');
    const [row] = (await db.select().from(signingCredentials)).filter((r) => r.userId === userId && r.kind === 'personal' && r.status === 'active');
    const envelope = row?.sealedKey as string;
    const aad = `personal:${row?.id}:${userId}`;
    const pkcs8 = openWithPinKey(await pinKeyFor({ pin: PIN, serverKey, envelope }), envelope, aad);
    expect(pkcs8.length).toBeGreaterThan(1000);
    for (const form of encodings(pkcs8)) expect(dump).not.toContain(form.slice(0, 40));
    // A dump alone: the right PIN without the server key opens nothing.
    const dumpOnly = await pinKeyFor({ pin: PIN, serverKey: Buffer.alloc(32, 7), envelope });
    expect(() => openWithPinKey(dumpOnly, envelope, aad)).toThrow(EnvelopeError);
    expect(() => openUnderSecret(Buffer.alloc(32, 7), envelope, aad)).toThrow();
  });

  it('locks after 5 wrong PINs (423 signing.pin_locked) until an admin of the user’s subtree unlocks', async () => {
    const client = await login('d02.leader');
    const { id: userId } = await me(client);
    const { totpSecret: secret } = await (await client.post('/api/me/signing/enroll', { pin: '615243' })).json();
    expect((await client.post('/api/me/signing/confirm', { code: totpCode(secret, Date.now()) })).status).toBe(200);

    for (let left = 4; left >= 1; left--) {
      const res = await client.post('/api/me/signing/pin', { pin: '000001', newPin: '902817' });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'signing.wrong_pin', attemptsLeft: left });
    }
    const fifth = await client.post('/api/me/signing/pin', { pin: '000001', newPin: '902817' });
    expect(fifth.status).toBe(423);
    expect((await fifth.json()).code).toBe('signing.pin_locked');
    const right = await client.post('/api/me/signing/pin', { pin: '615243', newPin: '902817' });
    expect(right.status).toBe(423);

    // Not an admin; an admin of another subtree; then the city's admin.
    const member = await login('d01.member');
    expect((await member.post(`/api/users/${userId}/signing/unlock`)).status).toBe(403);
    const d01 = await getUnitByCode(t.server.database.db, 'd01');
    await createUser(t.server.database.db, { unitId: d01?.id as string, username: 'd01.admin', fullName: 'Quản trị Ba Đình', roles: ['admin'], password: DEMO_PASSWORD });
    const foreignAdmin = await login('d01.admin');
    const refused = await foreignAdmin.post(`/api/users/${userId}/signing/unlock`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('auth.forbidden_scope');
    const admin = await login('admin');
    expect((await admin.post(`/api/users/${userId}/signing/unlock`)).status).toBe(204);

    expect((await client.post('/api/me/signing/pin', { pin: '615243', newPin: '902817' })).status).toBe(204);
    expect((await client.json<SigningStatus>('/api/me/signing')).attemptsLeft).toBe(5);
  });

  it('imports a real CA’s .p12 (made by openssl) for a user and for a unit; its root joins the published anchors', async () => {
    const foreign = await makeForeignPki(await mkdtemp(join(tmpdir(), 'ecabinet-foreign-')));
    try {
      const p12 = async (id: string) => (await readFile(foreign.signers.find((x) => x.id === id)?.p12 as string)).toString('base64');
      const password = foreign.signers[0]?.pin as string;
      // The user's own, protected by his signing PIN from then on.
      const member = await login('d02.member');
      const { totpSecret: secret } = await (await member.post('/api/me/signing/enroll', { pin: '615243' })).json();
      expect((await member.post('/api/me/signing/confirm', { code: totpCode(secret, Date.now()) })).status).toBe(200);
      const wrong = await member.post('/api/me/signing/import', { p12: await p12('p256'), password: 'nope', pin: '615243' });
      expect(wrong.status).toBe(422);
      expect((await wrong.json()).code).toBe('signing.import_wrong_password');
      const res = await member.post('/api/me/signing/import', { p12: await p12('p256'), password, pin: '615243' });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ kind: 'personal', source: 'imported', keyAlgorithm: 'ecdsa', subject: 'C=VN, O=Sở Thử Nghiệm, CN=Trần Thị Bên Ngoài' });
      const { id: userId } = await me(member);
      const act = await t.server.app.credentials.authoriseAct({ userId, pin: '615243', code: totpCode(secret, Date.now() + 30_000), documents: ['f-1'] });
      const signed = await signPdf(await basePdf(), { signer: await t.server.app.credentials.signerFor(act, { kind: 'personal', documentId: 'f-1' }) });
      await writeFile(join(foreign.dir, 'signed.pdf'), signed);
      const [entry] = await foreignPdfsig(join(foreign.dir, 'signed.pdf'), foreign.nssdir);
      expect(entry).toMatchObject({ valid: true, trusted: true, signer: 'Trần Thị Bên Ngoài' });

      // A unit's seal, imported by the admin; a clerk of another unit may not import it.
      const d02 = await getUnitByCode(t.server.database.db, 'd02');
      const clerk = await login('d02.clerk');
      expect((await clerk.post(`/api/units/${d02?.id}/seal`, { p12: await p12('rsa2048'), password })).status).toBe(403);
      const admin = await login('admin');
      const seal = await admin.post(`/api/units/${d02?.id}/seal`, { p12: await p12('rsa2048'), password });
      expect(seal.status).toBe(201);
      expect((await clerk.json<{ seal: CertificateInfo }>(`/api/units/${d02?.id}/seal`)).seal.subject).toContain('CN=Phạm Văn Ngoại');

      // TRUST_ANCHORS_FILE: the foreign root is published beside the development root; a leaf is refused.
      const pem = await loadTrustAnchors({ pems: [await readFile(join(pkiDir(), 'root-ca.pem'), 'utf8')], file: foreign.rootPem });
      expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
      expect(pem).toContain((await readFile(foreign.rootPem, 'utf8')).trim());
      await expect(loadTrustAnchors({ pems: [], file: join(foreign.dir, 'p256.pem') })).rejects.toThrow(/not a CA certificate/);
    } finally {
      await rm(foreign.dir, { recursive: true, force: true });
    }
  });

  describe('a tablet-held key', () => {
    // Another signer than above: each act needs a time step no code was spent on yet, and the
    // drift window reaches only one step ahead of the clock.
    let tablet: ApiClient;
    let userId: string;
    let keys: CryptoKeyPair;
    let act: SigningAct;
    const TABLET_PIN = '502718';

    beforeAll(async () => {
      tablet = await login('city.leader');
      userId = (await me(tablet)).id;
      const { totpSecret: secret } = await (await tablet.post('/api/me/signing/enroll', { pin: TABLET_PIN })).json();
      expect((await tablet.post('/api/me/signing/confirm', { code: totpCode(secret, Date.now()) })).status).toBe(200);
      keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      act = await t.server.app.credentials.authoriseAct({ userId, pin: TABLET_PIN, code: totpCode(secret, Date.now() + 30_000), documents: ['doc-t', 'doc-r', 'doc-x'] });
    });

    it('is certified from its CSR under the user’s own name, and signs a PDF through DeviceSigner', async () => {
      // The browser asks for someone else's name: the server does not listen.
      const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=Mallory', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } });
      const pem = csr.toString('pem');
      // One character of the signed part changed: the signature no longer verifies.
      const tampered = pem.replace(/(-----BEGIN CERTIFICATE REQUEST-----\n.{30})(.)/, (_m, head: string, c: string) => `${head}${c === 'A' ? 'B' : 'A'}`);
      const bad = await tablet.post('/api/me/signing/device-keys', { csr: tampered, pin: TABLET_PIN });
      expect(bad.status).toBe(422);
      expect((await bad.json()).code).toBe('signing.csr_invalid');
      const wrongPin = await tablet.post('/api/me/signing/device-keys', { csr: pem, pin: '000004' });
      expect((await wrongPin.json()).code).toBe('signing.wrong_pin');

      const res = await tablet.post('/api/me/signing/device-keys', { csr: pem, pin: TABLET_PIN, label: 'iPad phòng họp' });
      expect(res.status).toBe(201);
      const device = (await res.json()) as CertificateInfo;
      expect(device).toMatchObject({ kind: 'device', source: 'csr', keyAlgorithm: 'ecdsa', label: 'iPad phòng họp', subject: 'C=VN, O=UBND Thành phố Hà Nội, CN=Trần Văn Quang' });
      const cert = new X509Certificate(device.certificatePem);
      const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
      expect(cert.publicKey.export({ type: 'spki', format: 'der' })).toEqual(spki);
      expect((await tablet.json<SigningStatus>('/api/me/signing')).devices.map((d) => d.id)).toEqual([device.id]);

      // The workflow's side: the engine signs while the "tablet" answers over HTTP.
      const signer = await t.server.app.credentials.signerFor(act, { kind: 'device', documentId: 'doc-t' });
      expect(signer.keyAlgorithm).toBe('ecdsa');
      const answering = answerRequests(tablet, keys.privateKey);
      const signed = await signPdf(await basePdf(), { signer, reason: 'Ký trên máy tính bảng' });
      await answering.stop();
      expect(answering.answered).toBe(1);
      const anchors = await (await fetch(`${t.url}/api/pki/trust-anchors`)).text();
      const outside = await outsideVerifiers(signed, { root: anchors, chain: await readFile(join(pkiDir(), 'ca-chain.pem'), 'utf8') });
      expect(outside.openssl).toEqual([0]);
      expect(outside.pdfsig[0]).toMatchObject({ valid: true, trusted: true, commonName: 'Trần Văn Quang', totalDocument: true });

      // A refusal on the tablet stops the signature with its own code.
      const refusing = await t.server.app.credentials.signerFor(act, { kind: 'device', documentId: 'doc-r' });
      const refuser = answerRequests(tablet, keys.privateKey, { refuse: true });
      await expect(signPdf(await basePdf(), { signer: refusing })).rejects.toMatchObject({ code: 'signing.device_refused' });
      await refuser.stop();
    });

    it('refuses an answer that does not verify, and one for someone else’s request', async () => {
      const other = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      const signer = await t.server.app.credentials.signerFor(act, { kind: 'device', documentId: 'doc-x' });
      const pending = signer.sign(new TextEncoder().encode('to be signed'));
      pending.catch(() => {});
      const [request] = await waitForRequests(tablet);
      // Signed with another key than the certified one.
      const foreign = Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, other.privateKey, Buffer.from(request?.toBeSigned as string, 'base64')));
      const res = await tablet.post(`/api/me/signing/device-requests/${request?.requestId}`, { signature: foreign.toString('base64') });
      expect(res.status).toBe(422);
      expect((await res.json()).code).toBe('signing.device_signature_invalid');
      // Another user cannot answer it (404, as if it did not exist).
      const stranger = await leader.post(`/api/me/signing/device-requests/${request?.requestId}`, { refused: true });
      expect(stranger.status).toBe(404);
      expect((await stranger.json()).code).toBe('signing.request_not_found');
      expect((await tablet.post(`/api/me/signing/device-requests/${request?.requestId}`, { refused: true })).status).toBe(204);
      await expect(pending).rejects.toMatchObject({ code: 'signing.device_refused' });
    });
  });
});
