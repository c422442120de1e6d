// Fetching one document version whole, counting as it arrives (the "downloading n %" a reader
// sees), into one buffer of the size the manifest states: a server that sends more is cut off
// rather than believed.

export class DownloadError extends Error {
  readonly kind: 'network' | 'http' | 'size';

  constructor(kind: DownloadError['kind'], message: string) {
    super(message);
    this.name = 'DownloadError';
    this.kind = kind;
  }
}

export async function download(
  url: string,
  expectedSize: number,
  onProgress: (received: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    // Not from any HTTP cache: the bytes checked are the bytes the server has now.
    response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', signal: signal ?? null });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new DownloadError('network', `${url}: ${String(err)}`);
  }
  if (response.status !== 200 || !response.body) throw new DownloadError('http', `${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(expectedSize);
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received + value.length > expectedSize) throw new DownloadError('size', `${url}: more than the ${expectedSize} bytes announced`);
      bytes.set(value, received);
      received += value.length;
      onProgress(received);
    }
  } catch (err) {
    if (err instanceof DownloadError || signal?.aborted) throw err;
    throw new DownloadError('network', `${url}: ${String(err)}`);
  } finally {
    reader.releaseLock();
  }
  if (received !== expectedSize) throw new DownloadError('size', `${url}: ${received} bytes, ${expectedSize} announced`);
  return bytes;
}
