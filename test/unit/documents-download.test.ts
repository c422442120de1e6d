// Fetching a document version for the tablet (web/src/features/documents/download.ts): progress
// as the bytes arrive (what "downloading n %" shows), and a server that sends more or fewer
// bytes than the manifest states is not believed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { download, DownloadError } from '../../web/src/features/documents/download.ts';
import { sha256Hex } from '../../web/src/features/documents/sha256.ts';

function serve(chunks: number[]): void {
  vi.stubGlobal('fetch', async () => {
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const n = chunks[i++];
        if (n === undefined) return controller.close();
        controller.enqueue(new Uint8Array(n).fill(i));
      },
    });
    return new Response(body, { status: 200 });
  });
}

describe('download', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reports the bytes received as they arrive and returns them whole', async () => {
    serve([400, 300, 300]);
    const seen: number[] = [];
    const bytes = await download('/file', 1000, (n) => seen.push(n));
    expect(seen).toEqual([400, 700, 1000]);
    expect(bytes.length).toBe(1000);
    expect([bytes[0], bytes[400], bytes[999]]).toEqual([1, 2, 3]);
  });

  it('refuses more bytes, or fewer, than the manifest states', async () => {
    serve([600, 600]);
    await expect(download('/file', 1000, () => {})).rejects.toMatchObject({ kind: 'size' });
    serve([600]);
    await expect(download('/file', 1000, () => {})).rejects.toBeInstanceOf(DownloadError);
  });

  it('says which failure it was: an answer other than 200, or no network', async () => {
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404 }));
    await expect(download('/file', 4, () => {})).rejects.toMatchObject({ kind: 'http' });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(download('/file', 4, () => {})).rejects.toMatchObject({ kind: 'network' });
  });
});

describe('sha256Hex', () => {
  it('is the FIPS 180-4 digest in lower-case hex', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
