import { createHash, X509Certificate } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../errors/index.ts';
import { assertCertificateUsable, keyAlgorithmOf, type Signer } from '../signing/index.ts';
import { fromDer64 } from './credential-store.ts';
import { deviceSigningRequests, signingCredentials, type SigningCredentialRow } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';

// A Signer whose key never leaves the signer's tablet (a non-extractable WebCrypto key): sign()
// writes a request, pushes it to the user's sockets, and resolves when the tablet posts the
// signature back (answer-device-request.ts checks it against the certificate first) or fails
// after the timeout. The engine awaits it like any other Signer.

export async function createDeviceSigner(
  deps: CredentialsDeps,
  input: { userId: string; documentId: string; credentialId?: string },
): Promise<Signer> {
  const credential = await deviceCredential(deps, input.userId, input.credentialId);
  const certificate = fromDer64(credential.certificate);
  assertCertificateUsable(certificate, deps.clock());
  return {
    certificate,
    chain: credential.chain.map(fromDer64),
    keyAlgorithm: keyAlgorithmOf(new X509Certificate(certificate).publicKey),
    sign: (toBeSigned) => requestSignature(deps, credential, input, toBeSigned),
  };
}

async function deviceCredential(deps: CredentialsDeps, userId: string, credentialId: string | undefined): Promise<SigningCredentialRow> {
  const [row] = await deps.db
    .select()
    .from(signingCredentials)
    .where(
      and(
        eq(signingCredentials.kind, 'device'),
        eq(signingCredentials.status, 'active'),
        eq(signingCredentials.userId, userId),
        credentialId ? eq(signingCredentials.id, credentialId) : undefined,
      ),
    )
    .orderBy(desc(signingCredentials.createdAt))
    .limit(1);
  if (!row) throw new AppError('signing.no_device_key');
  return row;
}

async function requestSignature(
  deps: CredentialsDeps,
  credential: SigningCredentialRow,
  input: { userId: string; documentId: string },
  toBeSigned: Uint8Array,
): Promise<Uint8Array> {
  const createdAt = deps.clock();
  const expiresAt = new Date(createdAt.getTime() + deps.policy.deviceTimeoutMs);
  const encoded = Buffer.from(toBeSigned).toString('base64');
  const [request] = await deps.db
    .insert(deviceSigningRequests)
    .values({ userId: input.userId, credentialId: credential.id, documentId: input.documentId, toBeSigned: encoded, createdAt, expiresAt })
    .returning({ id: deviceSigningRequests.id });
  if (!request) throw new Error('insert returned no row');
  // Written first, then pushed: a tablet that connects late finds the request with GET.
  deps.pusher.toUser(input.userId, {
    method: 'signatureRequested',
    data: {
      requestId: request.id,
      credentialId: credential.id,
      keyAlgorithm: credential.keyAlgorithm,
      toBeSigned: encoded,
      digest: createHash('sha256').update(toBeSigned).digest('hex'),
      documentId: input.documentId,
      expiresAt: expiresAt.toISOString(),
    },
  });

  // Real time, not deps.clock: this is how long the server actually waits.
  const deadline = Date.now() + deps.policy.deviceTimeoutMs;
  for (;;) {
    const [row] = await deps.db.select().from(deviceSigningRequests).where(eq(deviceSigningRequests.id, request.id)).limit(1);
    if (row?.status === 'signed' && row.signature) return new Uint8Array(Buffer.from(row.signature, 'base64'));
    if (row?.status === 'refused') throw new AppError('signing.device_refused');
    const left = deadline - Date.now();
    if (left <= 0 || !row || row.status === 'expired') break;
    await deps.deviceAnswers.wait(request.id, Math.min(left, deps.policy.devicePollMs));
  }
  // Expire it unless the answer came in at the last moment.
  const expired = await deps.db
    .update(deviceSigningRequests)
    .set({ status: 'expired' })
    .where(and(eq(deviceSigningRequests.id, request.id), eq(deviceSigningRequests.status, 'pending')))
    .returning({ id: deviceSigningRequests.id });
  if (expired.length === 0) return requestSignatureResult(deps, request.id);
  throw new AppError('signing.device_timeout');
}

async function requestSignatureResult(deps: CredentialsDeps, id: string): Promise<Uint8Array> {
  const [row] = await deps.db.select().from(deviceSigningRequests).where(eq(deviceSigningRequests.id, id)).limit(1);
  if (row?.status === 'signed' && row.signature) return new Uint8Array(Buffer.from(row.signature, 'base64'));
  if (row?.status === 'refused') throw new AppError('signing.device_refused');
  throw new AppError('signing.device_timeout');
}
