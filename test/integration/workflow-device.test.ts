import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateInfo } from '../../src/contract/credentials.ts';
import type { BatchResponse, RouteView, VerificationReportView } from '../../src/contract/workflow.ts';
import { databaseKind } from '../helpers/database.ts';
import { answerRequests } from '../helpers/device-tablet.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { defineRoute, PIN, routeOf, SigningUser, uploadLetter } from '../helpers/workflow.ts';

// Issue 11.4 inside the workflow: a leader signs his step with the non-extractable key on his
// tablet (`key: "device"`). The server prepares the attributes, the "tablet" (WebCrypto here,
// answering over HTTP as the web app's agent does) signs their hash, the server embeds it — the
// same route, PIN + code and checks as a server-held key, and the verifier names the tablet's
// certificate as the signer.

describe(`signing a route step with a tablet-held key (${databaseKind})`, () => {
  let t: TestServer;
  let clerk: SigningUser;
  let leader: SigningUser;
  let keys: CryptoKeyPair;
  let device: CertificateInfo;

  beforeAll(async () => {
    t = await startTestServer({ DEV_PKI: 'true' });
    [clerk, leader] = await Promise.all([SigningUser.login(t.url, 'd01.clerk'), SigningUser.login(t.url, 'd01.leader')]);
    await leader.enrol();
    keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=tablet', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } });
    const res = await leader.client.post('/api/me/signing/device-keys', { csr: csr.toString('pem'), pin: PIN, label: 'iPad' });
    expect(res.status, await res.clone().text()).toBe(201);
    device = (await res.json()) as CertificateInfo;
  });
  afterAll(() => t?.close());

  const verification = (id: string) => leader.client.json<VerificationReportView>(`/api/documents/${id}/verification`);

  it('signs the personal step with the tablet key; the signature verifies and names the tablet certificate', async () => {
    const id = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);

    const tablet = answerRequests(leader.client, keys.privateKey);
    const res = await leader.sign(id, { key: 'device' });
    await tablet.stop();
    expect(res.status, await res.clone().text()).toBe(200);
    expect(tablet.answered).toBe(1);

    const route: RouteView = await routeOf(clerk.client, id);
    expect(route.status).toBe('done');
    const report = await verification(id);
    expect(report.ok).toBe(true);
    expect(report.signatures).toHaveLength(1);
    const serial = new X509Certificate(device.certificatePem).serialNumber.toLowerCase().replace(/^0+/, '');
    expect(report.signatures[0]?.signer?.serialNumber.toLowerCase().replace(/^0+/, '')).toBe(serial);
    expect(report.signatures[0]?.coversWholeFile).toBe(true);
  });

  it('a refusal on the tablet leaves the step pending and the version unchanged; the server key still signs it', async () => {
    const id = await uploadLetter(clerk.client);
    expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);

    const refusing = answerRequests(leader.client, keys.privateKey, { refuse: true });
    const refused = await leader.sign(id, { key: 'device' });
    await refusing.stop();
    expect(refused.status).toBe(409);
    expect((await refused.json()).code).toBe('signing.device_refused');
    const after = await routeOf(clerk.client, id);
    expect(after.steps[0]?.status).toBe('active');
    expect((await clerk.client.json<{ version: number }>(`/api/documents/${id}`)).version).toBe(1);

    const signed = await leader.sign(id);
    expect(signed.status, await signed.clone().text()).toBe(200);
    const report = await verification(id);
    expect(report.ok).toBe(true);
    expect(report.signatures[0]?.signer?.serialNumber.toLowerCase().replace(/^0+/, '')).not.toBe(
      new X509Certificate(device.certificatePem).serialNumber.toLowerCase().replace(/^0+/, ''),
    );
  });

  it('a batch under one PIN + one code signs each document with the tablet key', async () => {
    const ids = [await uploadLetter(clerk.client), await uploadLetter(clerk.client)];
    for (const id of ids) expect((await defineRoute(clerk.client, id, [{ kind: 'personal', signers: ['d01.leader'] }])).status).toBe(201);
    const tablet = answerRequests(leader.client, keys.privateKey);
    const res = await leader.client.post('/api/me/signing/batch', { pin: PIN, code: await leader.code(), key: 'device', items: ids.map((documentId) => ({ documentId })) });
    await tablet.stop();
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as BatchResponse).signed).toBe(2);
    expect(tablet.answered).toBe(2);
    for (const id of ids) expect((await verification(id)).ok).toBe(true);
  });
});
