// The layering of DESIGN.md as a lint rule, so a wrong import fails `npm run lint`:
//   (a) src/media and src/signing are libraries: nothing of HTTP, the database, the socket server
//       or the application's capabilities (type imports included);
//   (b) every folder under src/ is a capability used by others only through its index.ts —
//       except that *.table.ts files may name other tables for foreign keys, src/db/schema.ts
//       gathers every table, and src/contract/*.ts files are each their own surface;
//   (c) the web app imports nothing of the server but src/contract;
//   (d) src/contract imports only zod (and mediasoup's types), so the browser can import it.
// Tests and benchmarks may reach inside (they are not linted by this rule).
// One rule rather than `no-restricted-imports` patterns: it resolves each relative import to the
// file it names, so the check does not depend on how many `../` a path has.
import { dirname, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders under src/ that are libraries, and what they may not use. */
const LIBRARIES = ['media', 'signing'];
const LIBRARY_FORBIDDEN_PACKAGES = [/^fastify($|[/-])/, /^@fastify\//, /^drizzle-orm($|\/)/, /^postgres($|\/)/, /^@electric-sql\/pglite($|\/)/, /^socket\.io($|[/-])/];
const LIBRARY_FORBIDDEN_CAPABILITIES = ['db', 'auth', 'meetings', 'realtime', 'errors', 'contract', 'http'];

/** The shared contract: importable file by file, importing only these. */
const CONTRACT = 'contract';
const CONTRACT_PACKAGES = [/^zod($|\/)/];
const CONTRACT_TYPE_ONLY_PACKAGES = [/^mediasoup\/types$/];

/** Where a repository-relative path lies: web, a capability under src/, a file at src/'s top, or elsewhere. */
function placeOf(path) {
  const parts = path.split('/');
  if (parts[0] === 'web') return { kind: 'web' };
  if (parts[0] !== 'src') return { kind: 'other' };
  if (parts.length === 2) return { kind: 'src-root', file: parts[1] };
  return { kind: 'capability', name: parts[1], inner: parts.slice(2).join('/') };
}

const toPosix = (p) => p.split(sep).join(posix.sep);
const isTable = (path) => path.endsWith('.table.ts');

function isTypeOnly(node) {
  if (node.type === 'TSImportType') return true;
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

/** The message id and data for an import of `specifier` from `file`, or null when allowed. */
function check(file, specifier, typeOnly) {
  const from = placeOf(file);
  if (from.kind === 'other') return null;
  const relativeSpecifier = specifier.startsWith('.');

  if (!relativeSpecifier) {
    if (from.kind !== 'capability') return null;
    if (from.name === CONTRACT) {
      if (CONTRACT_PACKAGES.some((p) => p.test(specifier))) return null;
      if (typeOnly && CONTRACT_TYPE_ONLY_PACKAGES.some((p) => p.test(specifier))) return null;
      return { messageId: 'contract', data: { what: specifier } };
    }
    if (LIBRARIES.includes(from.name) && LIBRARY_FORBIDDEN_PACKAGES.some((p) => p.test(specifier))) {
      return { messageId: 'library', data: { library: from.name, what: specifier } };
    }
    return null;
  }

  const target = toPosix(relative(ROOT, resolve(ROOT, posix.dirname(file), specifier)));
  const to = placeOf(target);

  if (from.kind === 'web') {
    return to.kind === 'src-root' || (to.kind === 'capability' && to.name !== CONTRACT) ? { messageId: 'web', data: { what: target } } : null;
  }
  if (from.kind === 'capability' && from.name === CONTRACT) {
    return to.kind === 'capability' && to.name === CONTRACT ? null : { messageId: 'contract', data: { what: target } };
  }
  if (to.kind !== 'capability') return null;
  if (from.kind === 'capability' && LIBRARIES.includes(from.name) && LIBRARY_FORBIDDEN_CAPABILITIES.includes(to.name)) {
    return { messageId: 'library', data: { library: from.name, what: target } };
  }
  if (from.kind === 'capability' && from.name === to.name) return null;
  if (to.name === CONTRACT || to.inner === 'index.ts') return null;
  if (isTable(target) && (isTable(file) || file === 'src/db/schema.ts')) return null;
  return { messageId: 'index', data: { what: target, index: `src/${to.name}/index.ts` } };
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers of DESIGN.md: libraries, capability surfaces, the web/server contract' },
    schema: [],
    messages: {
      library: 'src/{{library}} is a library: it may not import {{what}} (no HTTP, database, socket server or application capability).',
      index: 'Import {{what}} through {{index}}: another capability is used only through its public surface.',
      web: 'The web app may import only src/contract/** of the server, not {{what}}.',
      contract: 'src/contract may import only zod (and types from mediasoup/types), not {{what}}: the browser imports it too.',
    },
  },
  create(context) {
    const file = toPosix(relative(ROOT, context.filename));
    const report = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const problem = check(file, source.value, isTypeOnly(node));
      if (problem) context.report({ node: source, ...problem });
    };
    return {
      ImportDeclaration: (node) => report(node, node.source),
      ExportNamedDeclaration: (node) => node.source && report(node, node.source),
      ExportAllDeclaration: (node) => report(node, node.source),
      ImportExpression: (node) => report(node, node.source),
      TSImportType: (node) => report(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
    };
  },
};

export default { meta: { name: 'ecabinet-layers' }, rules: { boundaries: rule } };
