// Flags for the Node process that runs the server; V8 reads them only from the command line
// (not NODE_OPTIONS, not v8.setFlagsFromString once the heap exists), so each way of starting
// the server writes them out: `npm start`, bin/ecabinet.js's first line, the benchmarks.
//
// --no-memory-reducer: when the server goes quiet, V8's memory reducer collects and shrinks the
// heap to the live size. The next burst of work — a leader's batch after a minute of reading —
// then met a heap with no room, and major collections (pauses and marking steps of 4–14 ms) ran
// on the event loop in the middle of it. Without it the heap keeps the size its work needed
// (BENCHMARKS.md, batch signing).

/** V8 flags the server process is started with. */
export const SERVER_NODE_FLAGS = ['--no-memory-reducer'] as const;

/** The server flags this process was started without (empty when all are there). */
export function missingServerNodeFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVER_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
