#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (Node ≥ 22.18 strips types), so there is no
// build step between a change and a run. Older Node gets a clear message instead of a stack.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `ecabinet needs Node 24 (found ${process.versions.node}). Run it through npm ` +
      '(npm start, npm exec ecabinet -- …), which uses the Node 24 installed in node_modules.',
  );
  process.exit(1);
}
await import('../src/main.ts');
