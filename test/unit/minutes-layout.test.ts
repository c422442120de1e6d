// The minutes' layout without a database: wrapping, the page flow's page breaks (nothing below
// the bottom margin, a table's header on every page it continues onto, every row drawn once),
// Vietnam-time date lines, and a 600-site meeting's minutes paginating into a valid PDF.
import { PDFDocument, PDFPage, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { syntheticFacts } from '../../bench/minutes/synthetic-facts.ts';
import { readMinutesFonts } from '../../src/minutes/layout/fonts.ts';
import { renderMinutesPdf } from '../../src/minutes/layout/minutes-pdf.ts';
import { A4, CONTENT_WIDTH, MARGIN, measure, PageFlow, wrapText } from '../../src/minutes/layout/page-flow.ts';
import { localityOf } from '../../src/minutes/minutes-facts.ts';
import { clockOn, dateLine, timeAndDate } from '../../src/minutes/vietnam-date.ts';

async function helveticaFlow() {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  return { doc, regular, flow: new PageFlow(doc, { regular, bold }) };
}

describe('minutes layout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('wraps at spaces within the width, keeps line breaks and cuts an over-long word', async () => {
    const { regular } = await helveticaFlow();
    const lines = wrapText(regular, 'one two three four five six seven eight nine ten\nnext paragraph', 12, 100);
    expect(lines.join(' ')).toBe('one two three four five six seven eight nine ten next paragraph');
    expect(lines.at(-1)).toBe('next paragraph');
    for (const line of lines) expect(measure(regular, line, 12)).toBeLessThanOrEqual(100.01);
    const cut = wrapText(regular, 'x'.repeat(200), 12, 100);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join('')).toBe('x'.repeat(200));
  });

  it('breaks a long table across pages: header on each page, every row once, nothing under the bottom margin', async () => {
    const { flow } = await helveticaFlow();
    const drawn: Array<{ page: PDFPage; text: string; y: number }> = [];
    const original = PDFPage.prototype.drawText;
    vi.spyOn(PDFPage.prototype, 'drawText').mockImplementation(function (this: PDFPage, text, options) {
      drawn.push({ page: this, text, y: options?.y ?? 0 });
      return original.call(this, text, options);
    });
    flow.paragraph('Before the table');
    const rows = Array.from({ length: 300 }, (_, i) => [`row ${i}`, i % 7 === 0 ? 'a long cell that wraps onto a second and a third line in its column' : 'short']);
    flow.table(
      [
        { title: 'Label', width: 0.3 },
        { title: 'Text', width: 0.7 },
      ],
      rows,
    );
    expect(flow.pages.length).toBeGreaterThan(5);
    for (const d of drawn) expect(d.y).toBeGreaterThanOrEqual(MARGIN.bottom);
    for (const page of flow.pages) expect(drawn.filter((d) => d.page === page && d.text === 'Label')).toHaveLength(1);
    for (let i = 0; i < 300; i++) expect(drawn.filter((d) => d.text === `row ${i}`), `row ${i}`).toHaveLength(1);
    expect(CONTENT_WIDTH).toBeCloseTo(A4.width - MARGIN.left - MARGIN.right);
  });

  it('prints dates in Vietnam time the way Decree 30 writes them', () => {
    // 17:05 UTC on 31 Jan is 00:05 on 1 Feb in Hà Nội.
    expect(dateLine('Hà Nội', '2026-01-31T17:05:00Z')).toBe('Hà Nội, ngày 01 tháng 02 năm 2026');
    expect(dateLine('Hà Nội', '2026-11-20T03:00:00Z')).toBe('Hà Nội, ngày 20 tháng 11 năm 2026');
    expect(timeAndDate('2026-03-05T01:30:00Z')).toBe('08 giờ 30 phút, ngày 05/03/2026');
    expect(clockOn('2026-03-05T17:30:00Z', '2026-03-05T01:30:00Z')).toBe('00:30 06/03');
    expect(localityOf('UBND Thành phố Hà Nội')).toBe('Hà Nội');
    expect(localityOf('Ủy ban nhân dân tỉnh Lào Cai')).toBe('Lào Cai');
  });

  it('lays out a 600-site meeting on many A4 pages, deterministically', async () => {
    const fonts = await readMinutesFonts();
    const facts = syntheticFacts(600);
    const bytes = await renderMinutesPdf(facts, fonts);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(60);
    for (const page of doc.getPages()) expect(page.getSize()).toEqual({ width: A4.width, height: A4.height });
    // Same facts, same bytes: the stored version's SHA-256 depends on the meeting alone.
    expect(Buffer.from(await renderMinutesPdf(facts, fonts)).equals(Buffer.from(bytes))).toBe(true);
  }, 60_000);
});
