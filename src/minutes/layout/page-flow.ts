// A cursor that flows text down A4 pages and starts a new page when the next block does not fit.
// Margins follow Decree 30/2020 (Appendix I, §II.2): top and bottom 20–25 mm, left 30–35 mm,
// right 15–20 mm. Tables repeat their header on every page they continue onto.
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

const MM = 72 / 25.4;
export const A4 = { width: 210 * MM, height: 297 * MM } as const;
export const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const LINE_GAP = 1.25;

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  align?: Align;
  /** Left indent of every line, pt. */
  indent?: number;
  /** Extra indent of the first line, pt (Decree 30 paragraphs start 1–1.27 cm in). */
  firstLine?: number;
  /** Space after the block, pt. */
  after?: number;
}

export interface Column {
  title: string;
  /** Share of the content width. */
  width: number;
  align?: Align;
}

/** Text in NFC: fonts map precomposed Vietnamese letters to their designed glyphs. */
const nfc = (text: string): string => text.normalize('NFC');

// Measuring runs fontkit's shaping each time; a 600-site meeting measures the same few thousand
// words (names, units) tens of thousands of times, so widths at 1 pt are remembered per font.
const widths = new WeakMap<PDFFont, Map<string, number>>();

/** Width of `text` at `size` pt, from a per-font cache of widths at 1 pt. */
export function measure(font: PDFFont, text: string, size: number): number {
  let known = widths.get(font);
  if (!known) widths.set(font, (known = new Map()));
  let w = known.get(text);
  if (w === undefined) {
    w = font.widthOfTextAtSize(text, 1);
    if (known.size < 50_000) known.set(text, w);
  }
  return w * size;
}

/**
 * Breaks text into lines no wider than `maxWidth`, at spaces; an over-long word is cut between
 * letters. Line breaks in the text are kept. Widths are measured per word and summed, so a long
 * list is measured once per word rather than once per growing line.
 */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number, firstLineWidth = maxWidth): string[] {
  const lines: string[] = [];
  const space = measure(font, ' ', size);
  const limit = () => (lines.length === 0 ? firstLineWidth : maxWidth);
  for (const paragraph of nfc(text).split(/\r?\n/)) {
    let current = '';
    let width = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = measure(font, word, size);
      if (current && width + space + w <= limit()) {
        current += ` ${word}`;
        width += space + w;
        continue;
      }
      if (current) lines.push(current);
      if (w <= limit()) {
        current = word;
        width = w;
        continue;
      }
      current = '';
      width = 0;
      for (const ch of word) {
        const cw = measure(font, ch, size);
        if (current && width + cw > limit()) {
          lines.push(current);
          current = '';
          width = 0;
        }
        current += ch;
        width += cw;
      }
    }
    lines.push(current);
  }
  return lines;
}

export class PageFlow {
  readonly pages: PDFPage[] = [];
  #page!: PDFPage;
  /** Baseline room left: the top of the next line, pt from the page's bottom. */
  #y = 0;
  readonly #doc: PDFDocument;
  readonly fonts: Fonts;

  constructor(doc: PDFDocument, fonts: Fonts) {
    this.#doc = doc;
    this.fonts = fonts;
    this.newPage();
  }

  get y(): number {
    return this.#y;
  }

  get page(): PDFPage {
    return this.#page;
  }

  newPage(): void {
    this.#page = this.#doc.addPage([A4.width, A4.height]);
    this.pages.push(this.#page);
    this.#y = A4.height - MARGIN.top;
  }

  /** Room for `height` pt more on this page, or a new page. */
  ensure(height: number): void {
    if (this.#y - height < MARGIN.bottom) this.newPage();
  }

  skip(height: number): void {
    this.#y -= height;
  }

  lineHeight(size: number): number {
    return size * LINE_GAP;
  }

  /** One line at an absolute position, for blocks laid side by side (the header). */
  lineAt(text: string, x: number, y: number, width: number, style: TextStyle = {}): void {
    const size = style.size ?? 13;
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const t = nfc(text);
    const w = measure(font, t, size);
    const dx = style.align === 'center' ? (width - w) / 2 : style.align === 'right' ? width - w : 0;
    this.#page.drawText(t, { x: x + dx, y, size, font, color: rgb(0, 0, 0) });
  }

  rule(x1: number, x2: number, y: number): void {
    this.#page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness: 0.6, color: rgb(0, 0, 0) });
  }

  /** A wrapped paragraph flowing over pages as needed. */
  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 13;
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const indent = style.indent ?? 0;
    const first = style.firstLine ?? 0;
    const width = CONTENT_WIDTH - indent;
    const lines = wrapText(font, text, size, width, width - first);
    const lh = this.lineHeight(size);
    lines.forEach((line, i) => {
      this.ensure(lh);
      this.#y -= lh;
      const x = MARGIN.left + indent + (i === 0 ? first : 0);
      this.lineAt(line, x, this.#y + size * 0.25, width - (i === 0 ? first : 0), { size, bold: style.bold, align: style.align });
    });
    this.#y -= style.after ?? 3;
  }

  /**
   * A table with ruled cells; each row wraps within its columns and is kept whole on a page,
   * and the header row is repeated at the top of every page the table continues onto.
   */
  table(columns: readonly Column[], rows: readonly (readonly string[])[], size = 11): void {
    const pad = 3;
    const lh = this.lineHeight(size);
    const widths = columns.map((c) => c.width * CONTENT_WIDTH);
    const layout = (cells: readonly string[], bold: boolean) => {
      const font = bold ? this.fonts.bold : this.fonts.regular;
      const wrapped = cells.map((cell, i) => wrapText(font, cell, size, (widths[i] ?? 0) - 2 * pad));
      return { wrapped, height: Math.max(...wrapped.map((l) => l.length)) * lh + 2 * pad, bold };
    };
    const header = layout(
      columns.map((c) => c.title),
      true,
    );
    const draw = (row: ReturnType<typeof layout>) => {
      const top = this.#y;
      let x = MARGIN.left;
      row.wrapped.forEach((lines, i) => {
        const w = widths[i] ?? 0;
        this.#page.drawRectangle({ x, y: top - row.height, width: w, height: row.height, borderWidth: 0.5, borderColor: rgb(0, 0, 0) });
        lines.forEach((line, j) => {
          const align = row.bold ? 'center' : (columns[i]?.align ?? 'left');
          this.lineAt(line, x + pad, top - pad - (j + 1) * lh + size * 0.25, w - 2 * pad, { size, bold: row.bold, align });
        });
        x += w;
      });
      this.#y -= row.height;
    };
    this.ensure(header.height + lh + 2 * pad);
    draw(header);
    for (const cells of rows) {
      const row = layout(cells, false);
      if (this.#y - row.height < MARGIN.bottom) {
        this.newPage();
        draw(header);
      }
      draw(row);
    }
    this.#y -= 6;
  }
}
