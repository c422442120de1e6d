import type { ChainBreakKind, ChainPoint, ChainReport } from '../contract/audit.ts';
import type { AuditEventRow } from './audit-events.table.ts';
import { eventHash, GENESIS_HASH } from './event-hash.ts';

/** Where the walk reads the chain from: the database (chain-source.ts) or, in tests, an array. */
export interface ChainSource {
  /** The head row as committed now; undefined when there is none. */
  head(): Promise<ChainPoint | undefined>;
  /** Up to `limit` events with after < seq ≤ upTo, by seq. */
  page(after: number, upTo: number, limit: number): Promise<AuditEventRow[]>;
  /** The event stored with this hash, at whatever seq. */
  byHash(hash: string): Promise<AuditEventRow | undefined>;
}

export interface WalkOptions {
  /** Heads recorded outside the database earlier (`seq` and `hash`): each must still be in the chain. */
  anchors?: readonly ChainPoint[];
  /** Events read per query; memory stays bounded by this whatever the length of the chain. */
  pageSize?: number;
}

/**
 * Walks the chain from the genesis to the head as it was when the walk began (events appended
 * meanwhile are left to the next run) and names the first broken link. Each event must follow
 * the previous seq, hash to its stored hash, and name the previous event's hash; the last must
 * be the head; every anchor must match the event at its seq. The head row catches a deleted
 * tail; only anchors catch a deleted tail whose head row was rewritten too (docs/audit.md).
 */
export async function walkChain(source: ChainSource, opts: WalkOptions = {}): Promise<ChainReport> {
  const anchors = opts.anchors ?? [];
  const pageSize = opts.pageSize ?? 1000;
  // Years of daily anchors against millions of events: look them up by seq.
  const anchorsAt = new Map<number, ChainPoint[]>();
  for (const a of anchors) anchorsAt.set(a.seq, [...(anchorsAt.get(a.seq) ?? []), a]);
  const storedHead = await source.head();
  // Without a head row, walk whatever is there and then say the head is missing.
  const upTo = storedHead?.seq ?? Number.MAX_SAFE_INTEGER;
  let prev: ChainPoint = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  const report = (firstBreak: { seq: number; kind: ChainBreakKind; message: string } | null): ChainReport => ({
    ok: firstBreak === null,
    checked,
    head: storedHead ?? { seq: 0, hash: GENESIS_HASH },
    firstBreak,
    anchors: anchors.length,
  });
  const broken = (seq: number, kind: ChainBreakKind, message: string) => report({ seq, kind, message });

  const genesisAnchor = anchors.find((a) => a.seq === 0 && a.hash !== GENESIS_HASH);
  if (genesisAnchor) return broken(0, 'anchor_mismatch', `an anchor names ${short(genesisAnchor.hash)} for seq 0, which is always the genesis ${short(GENESIS_HASH)}`);

  for (;;) {
    const rows = await source.page(prev.seq, upTo, pageSize);
    for (const row of rows) {
      const expected = prev.seq + 1;
      if (row.seq !== expected) {
        const after = prev.seq === 0 ? 'the first event stored is' : `the event after ${prev.seq} is`;
        return broken(expected, 'gap', `event ${expected} is missing (${after} ${row.seq}): events were deleted`);
      }
      if (eventHash(row) !== row.hash) {
        const chainedAs = await chainedSeq(source, row);
        if (chainedAs !== undefined && chainedAs !== row.seq) {
          return broken(row.seq, 'reordered', `event ${row.seq} is intact but was chained as event ${chainedAs}: events were reordered`);
        }
        return broken(row.seq, 'hash_mismatch', `event ${row.seq} does not hash to its stored hash: it was changed after it was written`);
      }
      if (row.prevHash !== prev.hash) {
        return broken(
          row.seq,
          'prev_hash_mismatch',
          `event ${row.seq} names ${short(row.prevHash)} as the previous hash, but ${prev.seq === 0 ? 'the genesis is' : `event ${prev.seq} hashes to`} ${short(prev.hash)}: an earlier event was rewritten or replaced`,
        );
      }
      const anchor = anchorsAt.get(row.seq)?.find((a) => a.hash !== row.hash);
      if (anchor) {
        return broken(row.seq, 'anchor_mismatch', `an anchor records ${short(anchor.hash)} for event ${row.seq}, which now hashes to ${short(row.hash)}: events up to it were rewritten`);
      }
      prev = { seq: row.seq, hash: row.hash };
      checked++;
    }
    if (rows.length < pageSize) break;
  }

  if (!storedHead && checked > 0) {
    return broken(prev.seq, 'head_mismatch', `the chain head row is missing while events 1…${prev.seq} exist`);
  }
  if (storedHead && prev.seq < storedHead.seq) {
    return broken(prev.seq + 1, 'truncated', `the chain ends at event ${prev.seq} but its head records event ${storedHead.seq}: the newest events were deleted`);
  }
  if (storedHead && prev.hash !== storedHead.hash) {
    return broken(storedHead.seq, 'head_mismatch', `the chain head records ${short(storedHead.hash)} for event ${storedHead.seq}, which hashes to ${short(prev.hash)}`);
  }
  const beyond = anchors.reduce<ChainPoint | undefined>((far, a) => (a.seq > prev.seq && (!far || a.seq > far.seq) ? a : far), undefined);
  if (beyond) {
    return broken(prev.seq + 1, 'truncated', `an anchor records event ${beyond.seq} but the chain ends at event ${prev.seq}: the newest events were deleted`);
  }
  return report(null);
}

/**
 * The seq an intact event was chained at, found through its predecessor (the event whose hash
 * it names): one after the predecessor's own chained seq. Undefined when the predecessor is
 * gone or the trail is longer than a few moved rows.
 */
async function chainedSeq(source: ChainSource, row: AuditEventRow, depth = 0): Promise<number | undefined> {
  if (row.prevHash === GENESIS_HASH) return intactAt(row, 1);
  if (depth >= 8) return undefined;
  const predecessor = await source.byHash(row.prevHash);
  if (!predecessor) return undefined;
  const predecessorSeq = eventHash(predecessor) === predecessor.hash ? predecessor.seq : await chainedSeq(source, predecessor, depth + 1);
  return predecessorSeq === undefined ? undefined : intactAt(row, predecessorSeq + 1);
}

/** `seq` when the row, put back at `seq`, hashes to its stored hash. */
function intactAt(row: AuditEventRow, seq: number): number | undefined {
  return eventHash({ ...row, seq }) === row.hash ? seq : undefined;
}

const short = (hash: string): string => `${hash.slice(0, 12)}…`;
