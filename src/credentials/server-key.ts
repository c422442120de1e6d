import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// The server's key-encryption key: 32 random bytes in a file (base64, one line), never in the
// database. Made on first start with owner-only permissions; two processes starting together
// both end up reading the one that was written first.

const KEY_BYTES = 32;

export async function loadServerKey(file: string): Promise<Uint8Array> {
  try {
    return parse(await readFile(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return parse(await readFile(file, 'utf8'), file);
}

function parse(text: string, file: string): Uint8Array {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${file}: the signing key-encryption key must be ${KEY_BYTES} bytes in base64`);
  return new Uint8Array(key);
}
