// A column of centred text lines laid out top-down, measured before it is drawn so the caller
// can size the box first. Shared by the personal and the seal appearance.
import type { PDFFont } from 'pdf-lib';
import { ascentAt, descentAt, wrapText } from './fonts.ts';
import type { FormCanvas } from './form-canvas.ts';

export interface TextLine {
  text: string;
  font: PDFFont;
  size: number;
}

export interface TextBlock {
  lines: TextLine[];
  height: number;
  width: number;
}

/**
 * Height of one line: the ascent (Vietnamese capitals carry stacked marks — "Ủ", "Ẩ" — that
 * reach the font's ascent) slightly tightened, plus the descent.
 */
export const lineHeight = (font: PDFFont, size: number): number => ascentAt(font, size) * 0.95 + descentAt(font, size);

/** Wraps each paragraph to `maxWidth` and measures the result. */
export function layoutLines(paragraphs: readonly TextLine[], maxWidth: number): TextBlock {
  const lines: TextLine[] = [];
  for (const p of paragraphs) {
    for (const text of wrapText(p.font, p.text, p.size, maxWidth)) lines.push({ ...p, text });
  }
  return {
    lines,
    height: lines.reduce((sum, l) => sum + lineHeight(l.font, l.size), 0),
    width: lines.reduce((max, l) => Math.max(max, l.font.widthOfTextAtSize(l.text, l.size)), 0),
  };
}

/** Draws the block centred on `cx` with its top at `top`; returns the y of its bottom. */
export function drawLines(canvas: FormCanvas, block: TextBlock, cx: number, top: number): number {
  let y = top;
  for (const line of block.lines) {
    canvas.centredText(line.font, line.text, line.size, cx, y - ascentAt(line.font, line.size) * 0.95);
    y -= lineHeight(line.font, line.size);
  }
  return y;
}
