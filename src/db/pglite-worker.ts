// The embedded database's own thread. PGlite runs each statement synchronously on the thread
// that holds it; on the server's event loop that was ~10 ms of CPU per signed document and the
// garbage of every result (BENCHMARKS.md, batch signing). Here it holds this thread instead, and
// the server's loop only sends statements and reads answers (pglite-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { installDrizzleParsers } from './pglite-parsers.ts';
import { crossedError, type ThreadReady, type ThreadReply, type ThreadRequest } from './pglite-protocol.ts';
import { osThreadId } from '../thread-priority.ts';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread');
const { dir } = workerData as { dir: string };

/** Open transactions: the handle PGlite gave the callback, and how to end it. */
const open = new Map<number, { tx: Transaction; end: (how: { id: number; commit: boolean }) => void }>();
const ROLLBACK = Symbol('rollback');

const reply = (msg: ThreadReply) => port.postMessage(msg);
const fail = (id: number, err: unknown) => reply({ id, ok: false, error: crossedError(err) });

const client = await PGlite.create(dir).then(
  (opened) => {
    installDrizzleParsers(opened);
    return opened;
  },
  (err: unknown) => {
    port.postMessage({ ready: false, error: crossedError(err) } satisfies ThreadReady);
    return undefined;
  },
);
if (client) {
  port.on('message', (m: ThreadRequest) => void handle(client, m));
  port.postMessage({ ready: true, osThreadId: osThreadId() } satisfies ThreadReady);
} else {
  port.close(); // nothing left to do: the thread ends
}

async function handle(client: PGlite, m: ThreadRequest): Promise<void> {
  try {
    switch (m.op) {
      case 'query': {
        const target = m.tx === undefined ? client : open.get(m.tx)?.tx;
        if (!target) throw new Error(`embedded database: transaction ${m.tx} is not open`);
        reply({ id: m.id, ok: true, result: await target.query(m.text, m.params, m.options) });
        return;
      }
      case 'begin':
        return begin(client, m.id, m.tx);
      case 'end': {
        const tx = open.get(m.tx);
        if (!tx) throw new Error(`embedded database: transaction ${m.tx} is not open`);
        open.delete(m.tx);
        tx.end({ id: m.id, commit: m.commit }); // answered when PGlite has committed or rolled back
        return;
      }
      case 'close':
        await client.close();
        reply({ id: m.id, ok: true, result: null });
        return;
    }
  } catch (err) {
    fail(m.id, err);
  }
}

/**
 * PGlite's own transaction, held open until the server ends it: PGlite's lock keeps every
 * other statement waiting meanwhile, as it did on the server's thread. The answer to `begin`
 * comes once BEGIN ran; the answer to `end` once COMMIT (or ROLLBACK) did.
 */
function begin(client: PGlite, id: number, txId: number): void {
  let endId: number | undefined;
  client
    .transaction(async (tx) => {
      const ending = new Promise<{ id: number; commit: boolean }>((end) => open.set(txId, { tx, end }));
      reply({ id, ok: true, result: null });
      const how = await ending;
      endId = how.id;
      if (!how.commit) throw ROLLBACK;
    })
    .then(
      () => reply({ id: endId ?? id, ok: true, result: null }),
      (err: unknown) => {
        open.delete(txId);
        if (endId === undefined) fail(id, err);
        else if (err === ROLLBACK) reply({ id: endId, ok: true, result: null });
        else fail(endId, err);
      },
    );
}

