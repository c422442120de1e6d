// Minutes benchmark (not a test): node bench/minutes/run.ts [--sites 600] [--runs 7]
// [--wait-quiet 120] [--dry-run].
// The goal it measures: generating the minutes PDF of a 600-site meeting (600 attendees, 10
// agenda items, 20 votes with the open votes' names, 60 floor turns) as the server does for
// `GET /api/meetings/:id/minutes/file` of a draft: the facts read from the database (embedded
// PGlite, the demo seed plus `--sites` accounts) and the PDF laid out with the subset fonts.
// Beside it, in the same process and interleaved: the same for a 1-site meeting (the fixed
// cost), the layout alone of the 600-site facts, and a cached re-read (facts hashed, no layout).
// Prints the table and, unless --dry-run, rewrites the "Minutes (bench/minutes)" section of
// BENCHMARKS.md.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { openDatabase } from '../../src/db/client.ts';
import { eq } from 'drizzle-orm';
import { meetings } from '../../src/meetings/meetings.table.ts';
import { gatherFacts } from '../../src/minutes/gather-facts.ts';
import { renderMinutesPdf } from '../../src/minutes/layout/minutes-pdf.ts';
import { readMinutesFonts } from '../../src/minutes/layout/fonts.ts';
import { MinutesRenderer } from '../../src/minutes/minutes-renderer.ts';
import { prepareDatabase } from '../join-storm/server.ts';
import { describeMachine, machineLine } from '../lib/machine.ts';
import { waitForQuiet } from '../lib/measure.ts';
import { writeSection } from '../lib/report.ts';
import { median, ms, percentile, table } from '../lib/stats.ts';
import { seedEndedMeeting } from './meeting.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SECTION = 'Minutes (bench/minutes)';
const { values: args } = parseArgs({
  options: {
    sites: { type: 'string', default: '600' },
    runs: { type: 'string', default: '7' },
    'wait-quiet': { type: 'string', default: '120' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const sites = Number(args.sites);
const runs = Number(args.runs);
if (!(sites >= 1) || !(runs >= 1)) throw new Error('--sites and --runs must be ≥ 1');
const log = (s: string) => process.stderr.write(`${s}\n`);

const machine = describeMachine();
log(`preparing PGlite with ${sites} delegates…`);
const prepared = await prepareDatabase(sites, undefined, log);
const database = await openDatabase({ databaseUrl: undefined, dataDir: prepared.dataDir });
try {
  const { db } = database;
  const big = await seedEndedMeeting(db, { usernames: prepared.usernames, cityUnitId: prepared.cityUnitId, chairId: prepared.chairId, items: 10, title: `Hội nghị trực tuyến ${sites} điểm cầu` });
  const small = await seedEndedMeeting(db, { usernames: prepared.usernames.slice(0, 1), cityUnitId: prepared.cityUnitId, chairId: prepared.chairId, items: 10, title: 'Họp một điểm cầu' });
  const fonts = await readMinutesFonts();
  const rowOf = async (id: string) => {
    const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
    if (!row) throw new Error('no meeting');
    return row;
  };
  const [bigRow, smallRow] = await Promise.all([rowOf(big), rowOf(small)]);
  const conclusions = { meeting: 'Thống nhất thông qua các nội dung đã trình.\nGiao các sở, ngành triển khai thực hiện.', items: {} };

  interface Sample {
    total: number;
    gather: number;
    pages: number;
    bytes: number;
  }
  const generate = async (row: typeof bigRow): Promise<Sample> => {
    const t0 = performance.now();
    const facts = await gatherFacts(db, row, conclusions, false);
    const t1 = performance.now();
    const bytes = await renderMinutesPdf(facts, fonts);
    const total = performance.now() - t0;
    return { total, gather: t1 - t0, pages: (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount(), bytes: bytes.length };
  };
  const bigFacts = await gatherFacts(db, bigRow, conclusions, false);
  const renderer = new MinutesRenderer();
  await renderer.render(bigFacts);

  const busy = await waitForQuiet({ maxBusyPercent: 20, timeoutSeconds: Number(args['wait-quiet']), log });
  log('warm-up…');
  await generate(smallRow);
  await generate(bigRow);
  const samples = { big: [] as Sample[], small: [] as Sample[], layout: [] as number[], cached: [] as number[], worker: [] as number[], lagDirect: [] as number[], lagWorker: [] as number[] };
  // The longest event-loop stall while `work` runs: what every other request of the server waits.
  const maxLag = async (work: () => Promise<unknown>): Promise<{ time: number; lag: number }> => {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const t = performance.now();
    await work();
    const time = performance.now() - t;
    h.disable();
    return { time, lag: h.max / 1e6 };
  };
  for (let i = 0; i < runs; i++) {
    samples.small.push(await generate(smallRow));
    samples.big.push(await generate(bigRow));
    const direct = await maxLag(() => renderMinutesPdf(bigFacts, fonts));
    samples.layout.push(direct.time);
    samples.lagDirect.push(direct.lag);
    // Through the server's renderer (worker thread); new conclusions each run, so no cache hit.
    const viaWorker = await maxLag(() => renderer.render({ ...bigFacts, conclusions: `${conclusions.meeting}\nLần ${i + 1}.` }));
    samples.worker.push(viaWorker.time);
    samples.lagWorker.push(viaWorker.lag);
    const t = performance.now();
    await renderer.render(await gatherFacts(db, bigRow, conclusions, false));
    samples.cached.push(performance.now() - t);
    log(`run ${i + 1}/${runs}: ${sites} sites ${ms(samples.big.at(-1)?.total ?? NaN, 0)} ms, 1 site ${ms(samples.small.at(-1)?.total ?? NaN, 0)} ms`);
  }
  const row = (name: string, totals: number[], extra: { pages?: number; bytes?: number; gather?: number[] }) => [
    name,
    ms(median(totals), 0),
    ms(percentile(totals, 95), 0),
    extra.gather ? ms(median(extra.gather), 0) : '–',
    extra.pages !== undefined ? String(extra.pages) : '–',
    extra.bytes !== undefined ? `${(extra.bytes / 1024).toFixed(0)} KiB` : '–',
  ];
  const big0 = samples.big[0] as Sample;
  const small0 = samples.small[0] as Sample;
  const bigTotals = samples.big.map((s) => s.total);
  const smallTotals = samples.small.map((s) => s.total);
  const out = table(
    ['generation', 'p50 ms', 'p95 ms', 'of which reading the facts (p50 ms)', 'pages', 'size'],
    [
      row(`${sites}-site meeting: facts from the database + PDF`, bigTotals, { pages: big0.pages, bytes: big0.bytes, gather: samples.big.map((s) => s.gather) }),
      row('1-site meeting: the same (reference)', smallTotals, { pages: small0.pages, bytes: small0.bytes, gather: samples.small.map((s) => s.gather) }),
      row(`${sites}-site meeting: PDF layout alone, on the event loop (max loop delay p50 ${ms(median(samples.lagDirect), 0)} ms)`, samples.layout, {}),
      row(`${sites}-site meeting: PDF layout in the server's render worker (max loop delay p50 ${ms(median(samples.lagWorker), 0)} ms)`, samples.worker, {}),
      row(`${sites}-site meeting: draft read again unchanged (facts + hash, cached PDF)`, samples.cached, {}),
    ],
  );
  const ratio = median(bigTotals) / median(smallTotals);
  const body = `${machineLine(machine)}; other work used ${busy.toFixed(0)}% of the machine just before the runs; ${runs} runs after one warm-up, interleaved; embedded PGlite.

${out}

The ${sites}-site minutes take ${ratio.toFixed(1)}× the time of a 1-site meeting's (which is mostly
the fixed cost: fonts parsed and subset, the header, 20 vote paragraphs). Method: \`gatherFacts\`
(meeting, attendance sheet, agenda, floor log, votes, units — the services the route calls) and
\`renderMinutesPdf\` (pdf-lib + fontkit, Noto Sans Regular/Bold subset, OpenType shaping off since
the NFC text needs none: with fontkit's default features the same layout took ~4× longer), in one
process, as \`GET /api/meetings/:id/minutes/file\` does for a draft (the server lays out in its
render worker thread, so the event loop only waits for the facts: compare the loop delays). The meeting is seeded directly
in the tables (bench/minutes/meeting.ts): ${sites} delegates in communes and wards, each present
(every 17th twice), 10 agenda items, a floor turn every tenth delegate, per item an open vote
(names per choice in the minutes) and a secret one per unit. Run: \`npm run bench:minutes\`.`;
  await renderer.close();
  process.stdout.write(`${body}\n`);
  if (!args['dry-run']) await writeSection(`${ROOT}BENCHMARKS.md`, SECTION, body);
} finally {
  await database.close();
  await prepared.drop();
}
