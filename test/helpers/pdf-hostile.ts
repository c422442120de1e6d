// Hostile inputs for the strict reader (issue 9.2): each once made `sign` write a file its own
// `verify` then crashed on, or would exhaust the stack, the heap or the CPU. Built by hand at
// test time; `sign` and `verify` must refuse each alike, with a stable code.
import { deflateSync } from 'node:zlib';
import { appendClassicUpdate, basePdf, fromLatin1, lastTrailer, latin1 } from './pdf-fixtures.ts';

export interface HostileInput {
  name: string;
  bytes: Uint8Array;
  code: 'pdf.malformed' | 'pdf.too_complex';
}

/**
 * A small PDF with a cross-reference stream (ISO 32000-1 §7.5.8, W [1 4 2], uncompressed) and
 * one object stream. `inStream` maps object numbers to their bodies inside object stream
 * `stmNum`; `plain` are written as ordinary objects; `stmDict` adds to the object stream's
 * dictionary; `entryFor` overrides an xref row.
 */
export function xrefStreamPdf(opts: {
  plain: [number, string][];
  inStream: [number, string][];
  stmNum: number;
  stmDict?: string;
  stmData?: Uint8Array;
  entryFor?: Map<number, [number, number, number]>;
}): Uint8Array {
  let s = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const rows = new Map<number, [number, number, number]>();
  rows.set(0, [0, 0, 65535]);
  for (const [num, body] of opts.plain) {
    rows.set(num, [1, s.length, 0]);
    s += `${num} 0 obj\n${body}\nendobj\n`;
  }
  let header = '';
  let objects = '';
  opts.inStream.forEach(([num, body], i) => {
    header += `${num} ${objects.length} `;
    objects += `${body}\n`;
    rows.set(num, [2, opts.stmNum, i]);
  });
  const data = opts.stmData ?? fromLatin1(header + objects);
  rows.set(opts.stmNum, [1, s.length, 0]);
  const dict = `/Type /ObjStm /N ${opts.inStream.length} /First ${header.length} /Length ${data.length}${opts.stmDict ?? ''}`;
  s = latin1(fromLatin1(s)) + `${opts.stmNum} 0 obj\n<< ${dict} >>\nstream\n`;
  const body = latin1(data);
  s += `${body}\nendstream\nendobj\n`;
  for (const [num, row] of opts.entryFor ?? []) rows.set(num, row);
  const xrefNum = Math.max(...rows.keys()) + 1;
  rows.set(xrefNum, [1, s.length, 0]);
  const size = xrefNum + 1;
  const table: number[] = [];
  for (let n = 0; n < size; n++) {
    const [t, f2, f3] = rows.get(n) ?? [0, 0, 0];
    table.push(t, (f2 >>> 24) & 0xff, (f2 >>> 16) & 0xff, (f2 >>> 8) & 0xff, f2 & 0xff, (f3 >> 8) & 0xff, f3 & 0xff);
  }
  const xrefData = String.fromCharCode(...table);
  const at = s.length;
  s += `${xrefNum} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Length ${xrefData.length} >>\nstream\n${xrefData}\nendstream\nendobj\n`;
  s += `startxref\n${at}\n%%EOF\n`;
  return fromLatin1(s);
}

const CATALOG: [number, string] = [1, '<< /Type /Catalog /Pages 2 0 R >>'];
const PAGES: [number, string] = [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];
const PAGE: [number, string] = [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];

/** The four inputs issue 9.2 names, and the other limits of the reader. */
export async function hostileInputs(): Promise<HostileInput[]> {
  const base = await basePdf({ pages: 2 });
  const t = lastTrailer(base);
  const text = latin1(base);
  const pages = /(\d+) 0 obj\s*(<<\s*\/Type \/Pages[^]*?)\s*endobj/.exec(text) as RegExpExecArray;
  const page2 = [...text.matchAll(/(\d+) 0 obj\s*(<<\s*\/Type \/Page\b[^]*?)\s*endobj/g)][1] as RegExpExecArray;
  const depth = 200_000;
  const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const out: HostileInput[] = [
    {
      name: `a ${depth.toLocaleString('en')}-deep nested array on page 2`,
      bytes: appendClassicUpdate(base, [[Number(page2[1]), (page2[2] as string).replace(/>>\s*$/, `/Deep ${deep}\n>>`)]]),
      code: 'pdf.too_complex',
    },
    {
      name: `a ${depth.toLocaleString('en')}-deep nested array in an object nothing refers to`,
      bytes: appendClassicUpdate(base, [[t.size, deep]]),
      code: 'pdf.too_complex',
    },
    { name: 'a broken startxref', bytes: fromLatin1(text.replace(/startxref\n\d+/, `startxref\n${t.startxref - 7}`)), code: 'pdf.malformed' },
    {
      name: 'an object stream that holds itself',
      bytes: xrefStreamPdf({ plain: [CATALOG, PAGES], inStream: [PAGE, [10, '<< >>']], stmNum: 10, entryFor: new Map([[10, [2, 10, 1]]]) }),
      code: 'pdf.malformed',
    },
    {
      name: "an object stream whose /Filter is one of its own objects",
      bytes: xrefStreamPdf({ plain: [CATALOG, PAGES], inStream: [PAGE, [4, '/FlateDecode']], stmNum: 10, stmDict: ' /Filter 4 0 R' }),
      code: 'pdf.malformed',
    },
    {
      name: 'a page tree whose /Kids loop back to the root',
      bytes: appendClassicUpdate(base, [[Number(pages[1]), (pages[2] as string).replace(/\/Kids \[/, `/Kids [${pages[1]} 0 R `)]]),
      code: 'pdf.malformed',
    },
    {
      name: "a page whose /Parent is itself",
      bytes: appendClassicUpdate(base, [[Number(page2[1]), (page2[2] as string).replace(/\/Parent \d+ 0 R/, `/Parent ${page2[1]} 0 R`)]]),
      code: 'pdf.malformed',
    },
  ];
  // A page tree 70 levels deep.
  const chain: [number, string][] = [];
  for (let k = 0; k < 70; k++) chain.push([t.size + k, `<< /Type /Pages /Kids [${t.size + k + 1} 0 R] /Count 1 >>`]);
  chain.push([t.size + 70, `<< /Type /Page /Parent ${t.size + 69} 0 R /MediaBox [0 0 595 842] >>`]);
  out.push({
    name: 'a page tree 70 levels deep',
    bytes: appendClassicUpdate(base, [...chain, [Number(pages[1]), (pages[2] as string).replace(/\/Kids \[/, `/Kids [${t.size} 0 R `)]]),
    code: 'pdf.too_complex',
  });
  // 1,025 incremental updates.
  let many = base;
  const info = Number(t.info?.split(' ')[0]);
  for (let k = 0; k < 1025; k++) many = appendClassicUpdate(many, [[info, `<< /Title (v${k}) >>`]]);
  out.push({ name: '1,025 incremental updates', bytes: many, code: 'pdf.too_complex' });
  // A subsection claiming nine million objects.
  out.push({ name: 'an xref subsection of 9,000,000 objects', bytes: fromLatin1(text.replace(/\nxref\n0 (\d+)\n/, '\nxref\n0 9000000\n')), code: 'pdf.too_complex' });
  // An object stream that inflates to 65 MiB.
  const bomb = deflateSync(Buffer.alloc(65 * 1024 * 1024), { level: 9 });
  out.push({
    name: 'an object stream that inflates to 65 MiB',
    bytes: xrefStreamPdf({ plain: [CATALOG, PAGES], inStream: [PAGE], stmNum: 10, stmDict: ' /Filter /FlateDecode', stmData: new Uint8Array(bomb) }),
    code: 'pdf.too_complex',
  });
  return out;
}
