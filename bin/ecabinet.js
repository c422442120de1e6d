#!/usr/bin/env -S node --no-memory-reducer
// The CLI runs the TypeScript sources directly (Node ≥ 22.18 strips types), so there is no
// build step between a change and a run. Older Node gets a clear message instead of a stack.
// The first line carries the server's V8 flags (src/server-node-flags.ts says why; `env -S`
// splits them, coreutils ≥ 8.30).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `ecabinet needs Node 24 (found ${process.versions.node}). Run it through npm ` +
      '(npm start, npm exec ecabinet -- …), which uses the Node 24 installed in node_modules.',
  );
  process.exit(1);
}
await import('../src/main.ts');
