// Tablet-held signing keys: made by WebCrypto as non-extractable (the private key's bytes can
// never be read by script, only used to sign), kept as CryptoKey objects in IndexedDB (which
// stores them by structured clone, still non-extractable), one per certificate the server issued.

const DB_NAME = 'ecabinet-signing';
const STORE = 'device-keys';

/** ECDSA P-256 with SHA-256: what every tablet browser makes fast, and the engine signs with. */
export const DEVICE_KEY_ALGORITHM: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
export const DEVICE_SIGN_ALGORITHM: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

export interface StoredDeviceKey {
  /** The device credential's id on the server (its certificate). */
  readonly credentialId: string;
  readonly userId: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly createdAt: string;
}

export function deviceKeysSupported(): boolean {
  return typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined && window.isSecureContext;
}

export function newDeviceKey(): Promise<CryptoKeyPair> {
  // extractable false: the private key can sign, never be exported (the public key always can).
  return crypto.subtle.generateKey(DEVICE_KEY_ALGORITHM, false, ['sign', 'verify']);
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'credentialId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = use(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}

export function saveDeviceKey(key: StoredDeviceKey): Promise<IDBValidKey> {
  return withStore('readwrite', (store) => store.put(key));
}

export async function deviceKeysOf(userId: string): Promise<StoredDeviceKey[]> {
  if (!deviceKeysSupported()) return [];
  const all = await withStore<StoredDeviceKey[]>('readonly', (store) => store.getAll() as IDBRequest<StoredDeviceKey[]>);
  return all.filter((k) => k.userId === userId);
}

export function forgetDeviceKey(credentialId: string): Promise<undefined> {
  return withStore('readwrite', (store) => store.delete(credentialId));
}
