import { appendFile, readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyChain } from '../audit/index.ts';
import { loadConfig } from '../config.ts';
import type { ChainPoint, ChainReport } from '../contract/audit.ts';
import { openDatabase } from '../db/index.ts';
import { UsageError } from './cli-error.ts';

export const AUDIT_USAGE = `Usage: ecabinet audit verify [--json] [--anchor SEQ:HASH]... [--anchor-file FILE [--record]]
                             [--page-size N]

  Walks the audit chain from the genesis, a page of events at a time, and names the first
  broken link: an edited event (hash_mismatch), an earlier one rewritten and rehashed
  (prev_hash_mismatch), deleted events (gap), reordered events (reordered), a deleted tail
  (truncated, against the head row and the anchors). Exits 0 when intact, 1 when broken.
  It prints the head (seq and hash): keep it outside the database as an anchor — --record
  appends it to the --anchor-file after an intact run. Only anchors reveal a deleted tail whose
  head row was rewritten too (docs/audit.md). With the embedded database, stop the server
  first, or use GET /api/audit/verify.`;

export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(`unknown audit command "${sub ?? ''}"`);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      anchor: { type: 'string', multiple: true, default: [] },
      'anchor-file': { type: 'string' },
      record: { type: 'boolean', default: false },
      'page-size': { type: 'string', default: '1000' },
    },
  });
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100_000) throw new UsageError('--page-size must be a whole number from 1 to 100000');
  if (values.record && !values['anchor-file']) throw new UsageError('--record needs --anchor-file FILE');
  const anchorFile = values['anchor-file'];
  const anchors = [...(values.anchor ?? []).map((a) => parseAnchor(a, '--anchor')), ...(anchorFile ? await readAnchors(anchorFile) : [])];

  const database = await openDatabase(loadConfig());
  let report: ChainReport;
  try {
    report = await verifyChain(database.db, { anchors, pageSize });
  } finally {
    await database.close();
  }
  if (report.ok && values.record && anchorFile) await appendFile(anchorFile, `${report.head.seq} ${report.head.hash} ${new Date().toISOString()}\n`);
  console.log(values.json ? JSON.stringify(report, null, 2) : describe(report));
  return report.ok ? 0 : 1;
}

const ANCHOR = /^(\d+)[:\s]\s*([0-9a-f]{64})\b/;

function parseAnchor(text: string, where: string): ChainPoint {
  const m = ANCHOR.exec(text.trim());
  if (!m) throw new UsageError(`${where}: "${text}" is not SEQ:HASH (a seq and a 64-digit lowercase hex SHA-256)`);
  return { seq: Number(m[1]), hash: m[2] as string };
}

/** One anchor per line, `SEQ HASH` or `SEQ:HASH`, anything after ignored; blank lines and `#` comments skipped. */
async function readAnchors(file: string): Promise<ChainPoint[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    // A first --record run starts the file.
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  }
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, n }) => parseAnchor(line, `${file}:${n}`));
}

function describe(r: ChainReport): string {
  const head = `head: seq ${r.head.seq}, sha256 ${r.head.hash}`;
  const anchors = r.anchors > 0 ? `, ${r.anchors} anchor(s) checked` : '';
  if (r.ok || !r.firstBreak) return `audit chain intact: ${r.checked} event(s) from the genesis to the head${anchors}\n${head}`;
  const b = r.firstBreak;
  return [`audit chain BROKEN at seq ${b.seq} (${b.kind}): ${b.message}`, `${r.checked} event(s) before it are intact${anchors}`, `head row: seq ${r.head.seq}, sha256 ${r.head.hash}`].join('\n');
}
