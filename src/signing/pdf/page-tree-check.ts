// The page tree must be a tree (ISO 32000-1 §7.7.3.2): /Kids lead down to every page exactly
// once and /Parent leads back up to the root. pdf-lib walks both recursively, without guards, so
// a /Kids loop or a /Parent cycle overflows its stack; this check walks them iteratively, from
// the scans alone (no pdf-lib objects, so it costs little even for a 200-page document), and
// refuses what pdf-lib could not survive.
import { SigningError } from '../errors.ts';
import { LIMITS } from './limits.ts';
import type { Entries, ObjectStore } from './object-store.ts';
import type { ScannedObject } from './object-scan.ts';

const malformed = (what: string) => new SigningError('pdf.malformed', `The PDF's page tree is damaged: ${what}.`);

/** The entries a dictionary holds under `key`, following one indirect array (/Kids 12 0 R). */
function refsUnder(store: ObjectStore, entries: Entries, scan: ScannedObject, key: string): number[] {
  const direct: number[] = [];
  let indirect: number | undefined;
  scan.refs.forEach((r, k) => {
    if (scan.refKeys[k] !== key) return;
    if (scan.refDepths[k] === 1) indirect = r;
    else if (scan.refDepths[k] === 2) direct.push(r);
  });
  if (indirect === undefined) return direct;
  const array = lookup(store, entries, indirect);
  return array ? array.refs.filter((_r, k) => array.refDepths[k] === 1) : [];
}

function lookup(store: ObjectStore, entries: Entries, num: number): ScannedObject | undefined {
  const e = entries.get(num);
  return e && e.kind !== 'free' ? store.locate(num, e, entries).scan : undefined;
}

/** Checks the page tree under the catalog `root`; throws 'pdf.malformed' or 'pdf.too_complex'. */
export function checkPageTree(store: ObjectStore, entries: Entries, root: number): void {
  const catalog = lookup(store, entries, root);
  // Table 28: /Pages shall be an indirect reference to the root of the page tree.
  const top = catalog?.refs.find((_r, k) => catalog.refKeys[k] === 'Pages' && catalog.refDepths[k] === 1);
  if (top === undefined) throw malformed('the catalog has no /Pages reference');
  const seen = new Set<number>();
  const stack: [number, number][] = [[top, 0]];
  while (stack.length > 0) {
    const [num, depth] = stack.pop() as [number, number];
    const node = lookup(store, entries, num);
    // Like pdf-lib, a kid that is neither /Pages nor /Page (or missing) is not part of the tree.
    if (node?.type !== 'Pages' && node?.type !== 'Page') continue;
    if (seen.has(num)) throw malformed(`object ${num} is reached twice (a /Kids loop or a shared page)`);
    seen.add(num);
    checkAscent(store, entries, num);
    if (node.type === 'Page') continue;
    if (depth >= LIMITS.pageTreeDepth) throw new SigningError('pdf.too_complex', `The PDF's page tree is more than ${LIMITS.pageTreeDepth} levels deep.`);
    const kids = refsUnder(store, entries, node, 'Kids');
    for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k] as number, depth + 1]);
  }
}

/** /Parent links from `num` end at a node without one, within the depth limit (inherited attributes walk them). */
function checkAscent(store: ObjectStore, entries: Entries, num: number): void {
  const chain = new Set<number>([num]);
  let at = num;
  for (;;) {
    const scan = lookup(store, entries, at);
    const parent = scan?.refs.find((_r, k) => scan.refKeys[k] === 'Parent' && scan.refDepths[k] === 1);
    if (parent === undefined || lookup(store, entries, parent) === undefined) return;
    if (chain.has(parent)) throw malformed(`the /Parent links of object ${num} loop`);
    if (chain.size > LIMITS.pageTreeDepth + 1) throw new SigningError('pdf.too_complex', `The PDF's page tree is more than ${LIMITS.pageTreeDepth} levels deep.`);
    chain.add(parent);
    at = parent;
  }
}
