import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/index.ts';
import { createCredentials, type Credentials } from '../../src/credentials/index.ts';
import { deviceSigningRequests, signingCredentials, signingPinStates } from '../../src/credentials/credentials.table.ts';
import { EnvelopeError, openUnderSecret, openWithPinKey, pinKeyFor } from '../../src/credentials/key-envelope.ts';
import type { Db } from '../../src/db/index.ts';
import { getUnitByCode } from '../../src/org/index.ts';
import { createCertificateIssuer } from '../../src/pki/index.ts';
import { writePkcs12 } from '../../src/pki/pkcs12-writer.ts';
import { signPdf, verifyPdf } from '../../src/signing/index.ts';
import { readPkcs12 } from '../../src/signing/signers/index.ts';
import { databaseKind } from '../helpers/database.ts';
import { databaseDump, encodings, openTestDatabase, outsideVerifiers, recordingPusher, totpCode, unitIds, userIds } from '../helpers/credentials.ts';
import { basePdf } from '../helpers/pdf-fixtures.ts';
import { keyOf, pkiEntry, pkiFile, PIN as P12_PASSWORD } from '../helpers/signing-pki.ts';

// Key custody through its service, as the signing workflow will call it, on a real database
// (PGlite, then Postgres) with a clock the test moves: enrolment, acts, the lock, one-time codes
// and their replay guard, seals, imports, and one PDF signed end to end.

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const KDF = { N: 2 ** 14, r: 8, p: 1 }; // the real N=2^17 runs in credentials-api.test.ts
const PIN = '482915';

describe(`key custody service (${databaseKind})`, () => {
  let close: () => Promise<void>;
  let db: Db;
  let credentials: Credentials;
  let users: Record<string, string>;
  let units: Record<string, string>;
  let now = new Date();
  const serverKey = randomBytes(32);
  const tick = (ms = 30_000) => (now = new Date(now.getTime() + ms));
  const secrets = new Map<string, string>();
  /** A fresh code of the next 30-second step (each act needs a step not spent yet). */
  const nextCode = (username: string): string => totpCode(secrets.get(username) as string, tick());
  const pems = { root: '', chain: '' };

  async function enrolled(username: string, pin = PIN): Promise<string> {
    const userId = users[username] as string;
    const { totpSecret } = await credentials.enroll({ userId, pin });
    secrets.set(username, totpSecret);
    await credentials.confirm({ userId, code: totpCode(totpSecret, now) });
    return userId;
  }

  const act = (username: string, documents: string[], pin = PIN) =>
    credentials.authoriseAct({ userId: users[username] as string, pin, code: nextCode(username), documents });

  beforeAll(async () => {
    const opened = await openTestDatabase();
    close = opened.close;
    db = opened.database.db;
    users = await userIds(db);
    units = await unitIds(db);
    credentials = createCredentials({ db, serverKey, issuer: await testIssuer(), pusher: recordingPusher(), clock: () => now, kdf: KDF });
    pems.root = Buffer.from(await pkiFile('root-ca.pem')).toString();
    pems.chain = Buffer.from(await pkiFile('ca-chain.pem')).toString();
  });
  afterAll(() => close?.());

  it('signs a PDF with the personal key an enrolment issued: our verifier, pdfsig and openssl accept it', async () => {
    const userId = await enrolled('d01.leader');
    const status = await credentials.status(userId);
    expect(status).toMatchObject({ enrolment: 'active', locked: false, attemptsLeft: 5, pendingImport: false, devices: [] });
    expect(status.personal?.subject).toBe('C=VN, O=UBND Quận Ba Đình, CN=Hoàng Văn Nam');
    expect(status.personal?.issuer).toContain('CN=ecabinet Development Issuing CA');

    const signingAct = await act('d01.leader', ['doc-1']);
    const signer = await credentials.signerFor(signingAct, { kind: 'personal', documentId: 'doc-1' });
    const signed = await signPdf(await basePdf(), { signer, signingTime: now, reason: 'Phê duyệt' });

    const report = await verifyPdf(signed, { trustAnchors: [await pkiFile('root-ca.cer')] });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      integrity: { ok: true, signatureValid: true, certBindingValid: true },
      chain: { trusted: true },
      signer: { commonName: 'Hoàng Văn Nam' },
    });
    const outside = await outsideVerifiers(signed, pems);
    expect(outside.openssl).toEqual([0]);
    expect(outside.pdfsig).toHaveLength(1);
    expect(outside.pdfsig[0]).toMatchObject({ valid: true, commonName: 'Hoàng Văn Nam', totalDocument: true });
  });

  it('spends each document of an act once, refuses others, a forged token and an expired act', async () => {
    const signingAct = await act('d01.leader', ['doc-a', 'doc-b']);
    await credentials.signerFor(signingAct, { kind: 'personal', documentId: 'doc-a' });
    await expect(credentials.signerFor(signingAct, { kind: 'personal', documentId: 'doc-a' })).rejects.toMatchObject({ code: 'signing.act_invalid' });
    await expect(credentials.signerFor(signingAct, { kind: 'personal', documentId: 'doc-c' })).rejects.toMatchObject({ code: 'signing.act_invalid' });
    // The act id alone, with another secret, does nothing (and spends nothing).
    const forged = `${signingAct.id}.${randomBytes(32).toString('base64url')}`;
    await expect(credentials.signerFor(forged, { kind: 'personal', documentId: 'doc-b' })).rejects.toMatchObject({ code: 'signing.act_invalid' });
    // The token travels as a string (another request, another node).
    await credentials.signerFor(signingAct.token, { kind: 'personal', documentId: 'doc-b' });

    const late = await act('d01.leader', ['doc-d']);
    tick(6 * 60_000);
    await expect(credentials.signerFor(late, { kind: 'personal', documentId: 'doc-d' })).rejects.toMatchObject({ code: 'signing.act_invalid' });
  });

  it('opens an act once for a batch: one key for its documents, each still spent once, nothing after close', async () => {
    const signingAct = await act('d01.leader', ['batch-1', 'batch-2', 'batch-3']);
    const opened = await credentials.openAct(signingAct);
    const first = await opened.signerFor({ kind: 'personal', documentId: 'batch-1' });
    const second = await opened.signerFor({ kind: 'personal', documentId: 'batch-2' });
    expect(second).toBe(first);
    await expect(opened.signerFor({ kind: 'personal', documentId: 'batch-1' })).rejects.toMatchObject({ code: 'signing.act_invalid' });
    await expect(opened.signerFor({ kind: 'personal', documentId: 'not-in-act' })).rejects.toMatchObject({ code: 'signing.act_invalid' });
    // A leader holds no seal: refused, and the document is not spent by the refusal.
    await expect(opened.signerFor({ kind: 'seal', unitId: units.d01 as string, documentId: 'batch-3' })).rejects.toMatchObject({ code: 'signing.not_seal_holder' });
    opened.close();
    await expect(opened.signerFor({ kind: 'personal', documentId: 'batch-3' })).rejects.toMatchObject({ code: 'signing.act_invalid' });
    // Still unspent: the act opened again signs it.
    const again = await credentials.openAct(signingAct.token);
    const signed = await signPdf(await basePdf(), { signer: await again.signerFor({ kind: 'personal', documentId: 'batch-3' }), signingTime: now });
    again.close();
    expect((await verifyPdf(signed, { trustAnchors: [await pkiFile('root-ca.cer')] })).signatures[0]?.integrity.ok).toBe(true);
  });

  it('refuses a spent one-time code, also when two requests race with it: exactly one wins', async () => {
    const userId = await enrolled('city.leader');
    const code = nextCode('city.leader');
    await credentials.authoriseAct({ userId, pin: PIN, code, documents: ['x'] });
    await expect(credentials.authoriseAct({ userId, pin: PIN, code, documents: ['x'] })).rejects.toMatchObject({ code: 'signing.wrong_code' });

    const racing = nextCode('city.leader');
    const results = await Promise.allSettled([1, 2, 3].map(() => credentials.authoriseAct({ userId, pin: PIN, code: racing, documents: ['y'] })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'signing.wrong_code' });
    // An older code than the last one spent is refused too, though still inside the drift window.
    await expect(
      credentials.authoriseAct({ userId, pin: PIN, code: totpCode(secrets.get('city.leader') as string, now.getTime() - 30_000), documents: ['z'] }),
    ).rejects.toMatchObject({ code: 'signing.wrong_code' });
  });

  it('locks after 5 failed attempts, even guessed in parallel, until an admin of the user’s subtree unlocks', async () => {
    const userId = await enrolled('d02.leader');
    const admin = await principal('admin', 'HN');
    for (let left = 4; left >= 1; left--) {
      await expect(act('d02.leader', ['p'], '000001')).rejects.toMatchObject({ code: 'signing.wrong_pin', extra: { attemptsLeft: left } });
    }
    await expect(act('d02.leader', ['p'], '000001')).rejects.toMatchObject({ code: 'signing.pin_locked' });
    // Locked: the right PIN and a fresh code do nothing.
    await expect(act('d02.leader', ['p'])).rejects.toMatchObject({ code: 'signing.pin_locked' });
    expect((await credentials.status(userId)).locked).toBe(true);

    // An admin of another subtree may not unlock; a leader is not an admin at all (the route's guard).
    const otherAdmin = await principal('d01.leader', 'd01');
    await expect(credentials.unlock({ admin: otherAdmin, userId })).rejects.toMatchObject({ code: 'auth.forbidden_scope' });
    await credentials.unlock({ admin, userId });
    await act('d02.leader', ['p']);

    // Twelve wrong guesses at once: the count is taken before the check, so at most five are checked.
    const guesses = await Promise.allSettled(Array.from({ length: 12 }, () => act('d02.leader', ['q'], '000002')));
    const codes = guesses.map((g) => (g as PromiseRejectedResult).reason?.code);
    expect(codes.filter((c) => c === 'signing.wrong_pin').length).toBeLessThanOrEqual(4);
    expect(codes.filter((c) => c !== 'signing.wrong_pin').every((c) => c === 'signing.pin_locked')).toBe(true);
    const [state] = await db.select().from(signingPinStates).where(eq(signingPinStates.userId, userId));
    expect(state?.lockedAt).not.toBeNull();
    expect(state?.failedAttempts).toBeLessThanOrEqual(5);
    await credentials.unlock({ admin, userId });
  });

  it('counts a wrong code as a failed attempt, and a right PIN and code start the count again', async () => {
    const userId = users['d02.leader'] as string;
    await expect(credentials.authoriseAct({ userId, pin: PIN, code: '000000', documents: ['r'] })).rejects.toMatchObject({ code: 'signing.wrong_code', extra: { attemptsLeft: 4 } });
    expect((await credentials.status(userId)).attemptsLeft).toBe(4);
    await act('d02.leader', ['r']);
    expect((await credentials.status(userId)).attemptsLeft).toBe(5);
  });

  it('changes the PIN: the key opens with the new one only, and acts of the old PIN end', async () => {
    const userId = users['d01.leader'] as string;
    const before = await act('d01.leader', ['pin-1']);
    await expect(credentials.changePin({ userId, pin: '000003', newPin: '615243' })).rejects.toMatchObject({ code: 'signing.wrong_pin' });
    await expect(credentials.changePin({ userId, pin: PIN, newPin: '111111' })).rejects.toMatchObject({ code: 'signing.pin_invalid' });
    await credentials.changePin({ userId, pin: PIN, newPin: '615243' });
    await expect(credentials.signerFor(before, { kind: 'personal', documentId: 'pin-1' })).rejects.toMatchObject({ code: 'signing.act_invalid' });
    await expect(act('d01.leader', ['pin-2'])).rejects.toMatchObject({ code: 'signing.wrong_pin' });
    const after = await act('d01.leader', ['pin-2'], '615243');
    await credentials.signerFor(after, { kind: 'personal', documentId: 'pin-2' });
    await credentials.changePin({ userId, pin: '615243', newPin: PIN });
  });

  it('lets only the unit’s own clerks use its seal', async () => {
    await enrolled('d01.clerk');
    await enrolled('d02.clerk');
    const d01 = units.d01 as string;
    // A clerk of another unit, and a leader of the unit itself, are refused.
    const foreign = await act('d02.clerk', ['seal-1']);
    await expect(credentials.signerFor(foreign, { kind: 'seal', unitId: d01, documentId: 'seal-1' })).rejects.toMatchObject({ code: 'signing.not_seal_holder' });
    const leader = await act('d01.leader', ['seal-1']);
    await expect(credentials.signerFor(leader, { kind: 'seal', unitId: d01, documentId: 'seal-1' })).rejects.toMatchObject({ code: 'signing.not_seal_holder' });
    // Refused requests spent nothing: the document is still usable for the personal signature.
    await credentials.signerFor(leader, { kind: 'personal', documentId: 'seal-1' });

    const own = await act('d01.clerk', ['seal-1']);
    const seal = await credentials.signerFor(own, { kind: 'seal', unitId: d01, documentId: 'seal-1' });
    const signed = await signPdf(await basePdf(), { signer: seal, signingTime: now });
    const outside = await outsideVerifiers(signed, pems);
    expect(outside.openssl).toEqual([0]);
    expect(outside.pdfsig[0]).toMatchObject({ valid: true, commonName: 'UBND Quận Ba Đình' });
    expect((await credentials.seal(d01))?.subject).toBe('C=VN, O=UBND Quận Ba Đình, CN=UBND Quận Ba Đình');
  });

  it('keeps nothing a database dump could sign with: no PIN, no TOTP secret, no private key in clear', async () => {
    const dump = await databaseDump(db);
    expect(dump).toContain('signing_credentials');
    for (const secret of secrets.values()) expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/PRIVATE KEY/);

    // Open each key with what the server has (PIN + server key), then look for its bytes in the dump.
    const rows = await db.select().from(signingCredentials);
    let checked = 0;
    for (const row of rows.filter((r) => r.sealedKey && r.status === 'active')) {
      const sealed = row.sealedKey as string;
      const pkcs8 =
        row.kind === 'seal'
          ? openUnderSecret(serverKey, sealed, `seal:${row.id}:${row.unitId}`)
          : openWithPinKey(await pinKeyFor({ pin: PIN, serverKey, envelope: sealed }), sealed, `personal:${row.id}:${row.userId}`);
      for (const form of encodings(pkcs8)) expect(dump).not.toContain(form.slice(0, 40));
      // The same envelope without the server key (all a dump holds): the right PIN opens nothing.
      if (row.kind === 'personal') {
        const dumpOnly = await pinKeyFor({ pin: PIN, serverKey: randomBytes(32), envelope: sealed });
        expect(() => openWithPinKey(dumpOnly, sealed, `personal:${row.id}:${row.userId}`)).toThrow(EnvelopeError);
      } else {
        expect(() => openUnderSecret(randomBytes(32), sealed, `seal:${row.id}:${row.unitId}`)).toThrow(EnvelopeError);
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('adopts a .p12 an admin imported at the user’s next PIN entry, and signs with its certificate', async () => {
    const admin = await principal('admin', 'HN');
    const p12Of = async (id: string) => Buffer.from(await pkiFile((await pkiEntry(id)).p12)).toString('base64');
    const certificateOf = async (id: string) => Buffer.from(readPkcs12(await pkiFile((await pkiEntry(id)).p12), P12_PASSWORD).certificate);

    // An enrolled clerk: the development PKI's own .p12 for him stands for one from a real CA.
    const clerk = users['d01.clerk'] as string;
    await expect(credentials.importFor({ userId: clerk, p12: await p12Of('person:d01.clerk'), password: 'not-it', createdBy: admin.id })).rejects.toMatchObject({
      code: 'signing.import_wrong_password',
    });
    const imported = await credentials.importFor({ userId: clerk, p12: await p12Of('person:d01.clerk'), password: P12_PASSWORD, createdBy: admin.id });
    expect((await credentials.status(clerk)).pendingImport).toBe(true);
    const signer = await credentials.signerFor(await act('d01.clerk', ['imp-1']), { kind: 'personal', documentId: 'imp-1' });
    expect(Buffer.from(signer.certificate)).toEqual(await certificateOf('person:d01.clerk'));
    expect(await credentials.status(clerk)).toMatchObject({ pendingImport: false, personal: { id: imported.id, source: 'imported' } });

    // Not yet enrolled: enrolment takes the imported key instead of issuing one.
    const cityClerk = users['city.clerk'] as string;
    const forCity = await credentials.importFor({ userId: cityClerk, p12: await p12Of('test:rsa-3072'), password: P12_PASSWORD, createdBy: admin.id });
    await enrolled('city.clerk');
    expect((await credentials.status(cityClerk)).personal?.id).toBe(forCity.id);
    const rsa3072 = await credentials.signerFor(await act('city.clerk', ['imp-2']), { kind: 'personal', documentId: 'imp-2' });
    expect(Buffer.from(rsa3072.certificate)).toEqual(await certificateOf('test:rsa-3072'));

    // The user imports his own: it replaces his key and is protected by his PIN from then on.
    const ec = await keyOf('test:ecdsa-p256');
    const own = writePkcs12({ privateKey: ec.privateKey, certificates: [ec.certificate, ...ec.chain], password: 'pass phrase' });
    const mine = await credentials.importOwn({ userId: cityClerk, p12: Buffer.from(own).toString('base64'), password: 'pass phrase', pin: PIN });
    expect(mine).toMatchObject({ keyAlgorithm: 'ecdsa', source: 'imported', kind: 'personal' });
    const ecdsa = await credentials.signerFor(await act('city.clerk', ['imp-3']), { kind: 'personal', documentId: 'imp-3' });
    expect(ecdsa.keyAlgorithm).toBe('ecdsa');
    const signed = await signPdf(await basePdf(), { signer: ecdsa, signingTime: now });
    expect((await outsideVerifiers(signed, pems)).openssl).toEqual([0]);
  });

  it('gives up on a tablet that does not answer in time, and refuses its late answer', async () => {
    const impatient = createCredentials({
      db, serverKey, issuer: await testIssuer(), pusher: recordingPusher(), clock: () => now, kdf: KDF,
      policy: { deviceTimeoutMs: 400, devicePollMs: 50 },
    });
    const userId = users['d01.leader'] as string;
    const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } });
    await impatient.registerDeviceKey({ userId, csr: csr.toString('pem'), pin: PIN });
    const signer = await impatient.signerFor(await act('d01.leader', ['late']), { kind: 'device', documentId: 'late' });
    const started = Date.now();
    await expect(signer.sign(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'signing.device_timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const [request] = await db.select().from(deviceSigningRequests).where(eq(deviceSigningRequests.userId, userId));
    expect(request?.status).toBe('expired');
    const raw = Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new Uint8Array([1, 2, 3])));
    await expect(impatient.answerDeviceRequest({ userId, requestId: request?.id as string, answer: { signature: raw.toString('base64') } })).rejects.toMatchObject({
      code: 'signing.request_not_found',
    });
  });

  async function testIssuer() {
    const ca = await keyOf('issuing-ca');
    return createCertificateIssuer({ certificate: ca.certificate, privateKey: ca.privateKey, issuers: ca.chain, crlUrl: 'http://pki.test/issuing-ca.crl' });
  }

  /** A signed-in caller as the auth plugin would make it (only id, roles and unit matter here). */
  async function principal(username: string, unitCode: string): Promise<Principal> {
    const unitRow = await getUnitByCode(db, unitCode);
    if (!unitRow) throw new Error(`no unit ${unitCode}`);
    const { parentId: _p, ...u } = unitRow;
    return { id: users[username] as string, username, fullName: username, title: null, roles: username === 'admin' ? ['admin'] : ['leader'], unit: u };
  }
});
