// A signing pool worker: runs the CPU-bound document steps (parse, incremental write, SHA-256
// of the byte ranges, the DSS update) off the main thread. Output arrays are transferred back,
// not copied.
import { parentPort } from 'node:worker_threads';
import { appendDss } from '../pdf/index.ts';
import { prepareDocument } from '../sign-pdf.ts';
import { serializeError, transferable, type WorkerRequest, type WorkerResponse } from './messages.ts';

const port = parentPort;
if (!port) throw new Error('signing-worker.ts runs only as a worker thread');

port.on('message', (req: WorkerRequest) => {
  void handle(req).then(
    ([res, transfer]) => port.postMessage(res, transfer),
    (err: unknown) => port.postMessage({ type: 'failed', id: req.id, error: serializeError(err) } satisfies WorkerResponse),
  );
});

async function handle(req: WorkerRequest): Promise<[WorkerResponse, ArrayBuffer[]]> {
  switch (req.kind) {
    case 'prepare': {
      const prepared = await prepareDocument(req.input, req.doc);
      return [{ type: 'prepared', id: req.id, prepared }, transferable(prepared.bytes)];
    }
    case 'appendDss': {
      const bytes = await appendDss(req.signed, req.data);
      return [{ type: 'dss', id: req.id, bytes }, transferable(bytes)];
    }
  }
}

// Static imports are loaded by now: the pool may send work.
port.postMessage({ type: 'ready' } satisfies WorkerResponse);
