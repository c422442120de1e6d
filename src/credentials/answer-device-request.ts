import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { DeviceAnswer, SignatureRequested } from '../contract/credentials.ts';
import { AppError } from '../errors/index.ts';
import { ecdsaP1363ToDer } from '../signing/index.ts';
import { fromDer64 } from './credential-store.ts';
import { deviceSigningRequests, signingCredentials } from './credentials.table.ts';
import type { CredentialsDeps } from './deps.ts';

/**
 * `POST /api/me/signing/device-requests/:id`: the tablet's signature (or refusal) for one of the
 * caller's pending requests. An ECDSA signature from WebCrypto is raw r||s (IEEE P1363) and is
 * turned into the DER Ecdsa-Sig-Value CMS needs (RFC 5753 §2.1.1); then it must verify with the
 * tablet key's certificate over the request's bytes, or it is refused here with a clear error
 * rather than embedded into a document that no verifier would accept.
 */
export async function answerDeviceRequest(deps: CredentialsDeps, input: { userId: string; requestId: string; answer: DeviceAnswer }): Promise<void> {
  const now = deps.clock();
  const [row] = await deps.db
    .select({ request: deviceSigningRequests, certificate: signingCredentials.certificate })
    .from(deviceSigningRequests)
    .innerJoin(signingCredentials, eq(signingCredentials.id, deviceSigningRequests.credentialId))
    .where(
      and(
        eq(deviceSigningRequests.id, input.requestId),
        eq(deviceSigningRequests.userId, input.userId),
        eq(deviceSigningRequests.status, 'pending'),
        gt(deviceSigningRequests.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row) throw new AppError('signing.request_not_found');

  let update: { status: 'signed'; signature: string } | { status: 'refused' };
  if ('refused' in input.answer) {
    update = { status: 'refused' };
  } else {
    const publicKey = new X509Certificate(fromDer64(row.certificate)).publicKey;
    const raw = new Uint8Array(Buffer.from(input.answer.signature, 'base64'));
    const toBeSigned = Buffer.from(row.request.toBeSigned, 'base64');
    // r||s is exactly 64 (P-256) or 96 (P-384) bytes; a DER Ecdsa-Sig-Value of those lengths would
    // need both integers ~2^64 times smaller than random, so the length tells the forms apart.
    const signature = publicKey.asymmetricKeyType === 'ec' && (raw.length === 64 || raw.length === 96) ? convert(raw) : raw;
    const ok = verify('sha256', toBeSigned, { key: publicKey, dsaEncoding: 'der', padding: constants.RSA_PKCS1_PADDING }, signature);
    if (!ok) throw new AppError('signing.device_signature_invalid');
    update = { status: 'signed', signature: Buffer.from(signature).toString('base64') };
  }
  const done = await deps.db
    .update(deviceSigningRequests)
    .set({ ...update, answeredAt: now })
    .where(and(eq(deviceSigningRequests.id, input.requestId), eq(deviceSigningRequests.status, 'pending')))
    .returning({ id: deviceSigningRequests.id });
  if (done.length === 0) throw new AppError('signing.request_not_found');
  deps.deviceAnswers.notify(input.requestId);
}

function convert(raw: Uint8Array): Uint8Array {
  try {
    return ecdsaP1363ToDer(raw);
  } catch (err) {
    throw new AppError('signing.device_signature_invalid', { cause: err });
  }
}

/** `GET /api/me/signing/device-requests`: what a tablet that connected late still has to sign. */
export async function pendingDeviceRequests(deps: CredentialsDeps, userId: string): Promise<SignatureRequested[]> {
  const rows = await deps.db
    .select({ request: deviceSigningRequests, keyAlgorithm: signingCredentials.keyAlgorithm })
    .from(deviceSigningRequests)
    .innerJoin(signingCredentials, eq(signingCredentials.id, deviceSigningRequests.credentialId))
    .where(and(eq(deviceSigningRequests.userId, userId), eq(deviceSigningRequests.status, 'pending'), gt(deviceSigningRequests.expiresAt, deps.clock())))
    .orderBy(deviceSigningRequests.createdAt);
  return rows.map(({ request, keyAlgorithm }) => ({
    requestId: request.id,
    credentialId: request.credentialId,
    keyAlgorithm,
    toBeSigned: request.toBeSigned,
    digest: createHash('sha256').update(Buffer.from(request.toBeSigned, 'base64')).digest('hex'),
    documentId: request.documentId,
    expiresAt: request.expiresAt.toISOString(),
  }));
}
