import type { ApiClient, CertificateInfo, EnrollResponse, SignatureRequested, SigningStatus } from '../../base/api/index.ts';

/** Key custody as the web app calls it (`/api/me/signing`); shapes from src/contract/credentials.ts. */
export class SigningApi {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  status(signal?: AbortSignal): Promise<SigningStatus> {
    return this.#api.get<SigningStatus>('/api/me/signing', { signal });
  }

  enroll(pin: string): Promise<EnrollResponse> {
    return this.#api.post<EnrollResponse>('/api/me/signing/enroll', { pin });
  }

  confirm(code: string): Promise<SigningStatus> {
    return this.#api.post<SigningStatus>('/api/me/signing/confirm', { code });
  }

  changePin(pin: string, newPin: string): Promise<void> {
    return this.#api.post<void>('/api/me/signing/pin', { pin, newPin });
  }

  registerDeviceKey(input: { csr: string; pin: string; label?: string }): Promise<CertificateInfo> {
    return this.#api.post<CertificateInfo>('/api/me/signing/device-keys', input);
  }

  retireDeviceKey(id: string): Promise<void> {
    return this.#api.request<void>('DELETE', `/api/me/signing/device-keys/${encodeURIComponent(id)}`);
  }

  pendingRequests(): Promise<SignatureRequested[]> {
    return this.#api.get<SignatureRequested[]>('/api/me/signing/device-requests');
  }

  answer(requestId: string, answer: { signature: string } | { refused: true }): Promise<void> {
    return this.#api.post<void>(`/api/me/signing/device-requests/${encodeURIComponent(requestId)}`, answer);
  }
}
