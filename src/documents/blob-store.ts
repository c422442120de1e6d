// PDF bytes on disk, named by their SHA-256: DATA_DIR/documents/<first two hex>/<sha256>. A blob
// is written once — streamed to a temporary file in the same file system, then renamed into
// place (rename is atomic) and made read-only — and never rewritten. Readers therefore see a
// whole file or none, and the same bytes uploaded twice share one file.
import { randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Temporary files older than this at start were left by a crash mid-upload. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export class BlobStore {
  readonly root: string;
  readonly tempDir: string;

  private constructor(root: string) {
    this.root = root;
    this.tempDir = join(root, 'tmp');
  }

  /** The store under `dataDir/documents`, created if missing; stale temporary files are removed. */
  static async open(dataDir: string): Promise<BlobStore> {
    const store = new BlobStore(join(dataDir, 'documents'));
    await mkdir(store.tempDir, { recursive: true });
    await store.removeStaleTemps();
    return store;
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** A fresh temporary path in the store's file system (so the final rename is atomic). */
  tempPath(): string {
    return join(this.tempDir, `${randomUUID()}.part`);
  }

  /**
   * Moves a complete temporary file into place as the blob `sha256`. When the blob is already
   * there (the same bytes stored before) the temporary file is dropped instead: a blob is
   * never rewritten. Returns whether this call created it.
   */
  async place(tempPath: string, sha256: string): Promise<boolean> {
    const target = this.pathOf(sha256);
    if (await exists(target)) {
      await rm(tempPath, { force: true });
      return false;
    }
    const dir = join(this.root, sha256.slice(0, 2));
    await mkdir(dir, { recursive: true });
    await chmod(tempPath, 0o444);
    await rename(tempPath, target);
    await syncDirectory(dir);
    return true;
  }

  /** Removes a temporary file if it is still there. */
  async discard(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  /** Streams bytes `start`..`end` (inclusive) of a blob, or all of it. */
  openRead(sha256: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.pathOf(sha256), range ? { start: range.start, end: range.end } : {});
  }

  private async removeStaleTemps(): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(this.tempDir)) {
      const path = join(this.tempDir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_TEMP_MS) await unlink(path).catch(() => {});
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** After a rename, the directory entry itself must reach the disk for the file to survive a crash. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
