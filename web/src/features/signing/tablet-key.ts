import { deviceKeysOf, deviceKeysSupported } from './device-key-store.ts';

/** Whether this tablet holds a signing key of `userId` (made under "Chữ ký số"); false where IndexedDB or WebCrypto is missing. */
export async function tabletHoldsKey(userId: string): Promise<boolean> {
  if (!deviceKeysSupported()) return false;
  try {
    return (await deviceKeysOf(userId)).length > 0;
  } catch {
    return false;
  }
}
