// Plays a signer's tablet in integration tests: the requests the server's DeviceSigner pushes
// are fetched over HTTP and answered with a WebCrypto key, as web/src/features/signing's agent does.
import { webcrypto } from 'node:crypto';
import type { SignatureRequested } from '../../src/contract/credentials.ts';
import type { ApiClient } from './client.ts';

export async function waitForRequests(client: ApiClient): Promise<SignatureRequested[]> {
  for (let i = 0; i < 100; i++) {
    const pending = await client.json<SignatureRequested[]>('/api/me/signing/device-requests');
    if (pending.length > 0) return pending;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no signing request reached the tablet');
}

/** Plays the tablet: polls for requests and answers each with the WebCrypto key (raw r||s, as a browser does). */
export function answerRequests(client: ApiClient, key: CryptoKey, opts: { refuse?: boolean } = {}) {
  let running = true;
  const state = { answered: 0 };
  const loop = (async () => {
    while (running) {
      const pending = await client.json<SignatureRequested[]>('/api/me/signing/device-requests');
      for (const request of pending) {
        const body = opts.refuse
          ? { refused: true }
          : {
              signature: Buffer.from(
                await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from(request.toBeSigned, 'base64')),
              ).toString('base64'),
            };
        const res = await client.post(`/api/me/signing/device-requests/${request.requestId}`, body);
        if (res.status !== 204) throw new Error(`answer refused: ${res.status} ${await res.text()}`);
        state.answered++;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    get answered() {
      return state.answered;
    },
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
