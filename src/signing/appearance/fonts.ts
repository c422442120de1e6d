// Fonts for appearance text. The 14 standard PDF fonts use WinAnsi and cannot show Vietnamese
// (ă, ơ, ư, đ and the stacked tone marks), so a TrueType font is embedded as a CIDFontType2 with
// Identity-H encoding and a ToUnicode CMap (ISO 32000-1 §9.7.4, §9.10.3) — pdf-lib does this with
// fontkit. Only the glyphs used are embedded (a subset), keeping each signature small.
// The fonts ship in assets/fonts (Noto Sans, SIL OFL 1.1) so the runtime never needs system fonts.
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { AppearanceFonts } from './types.ts';

const FONT_DIR = new URL('../../../assets/fonts/', import.meta.url);

/** Noto Sans Regular and Bold from assets/fonts. Read on each call: callers may cache. */
export async function readDefaultFonts(): Promise<AppearanceFonts> {
  const [regular, bold] = await Promise.all([
    readFile(new URL('NotoSans-Regular.ttf', FONT_DIR)),
    readFile(new URL('NotoSans-Bold.ttf', FONT_DIR)),
  ]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}

/** Embeds a TrueType program as a subset; glyphs are collected as text is encoded. */
export async function embedSubsetFont(doc: PDFDocument, bytes: Uint8Array): Promise<PDFFont> {
  doc.registerFontkit(fontkit);
  return doc.embedFont(bytes, { subset: true });
}

/**
 * Vietnamese text arrives both precomposed (NFC) and decomposed (NFD, e.g. from macOS). Fonts
 * map precomposed code points to designed glyphs and ToUnicode then yields NFC, so text copied
 * out of the PDF compares equal to what was entered.
 */
export const nfc = (text: string): string => text.normalize('NFC');

/** Distance from baseline to the top of the tallest glyphs (stacked Vietnamese marks), pt. */
export const ascentAt = (font: PDFFont, size: number): number =>
  font.heightAtSize(size, { descender: false });

/** Distance from baseline to the bottom of descenders, pt (positive). */
export const descentAt = (font: PDFFont, size: number): number =>
  font.heightAtSize(size) - ascentAt(font, size);

/**
 * Breaks `text` into lines no wider than `maxWidth` at spaces; a single word wider than that
 * is cut between characters (names and organisation lines are short, so this is rare).
 * Each word is measured once and a line's width is the sum of its words and spaces: measuring
 * every growing candidate line runs fontkit's whole shaping (GSUB/GPOS) again each time, which
 * was most of a visible signature's cost (BENCHMARKS.md, batch signing). Kerning across a space
 * is all this leaves out — a fraction of a point, and callers measure the final lines exactly.
 */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = font.widthOfTextAtSize(' ', size);
  let current = '';
  let currentWidth = 0;
  for (const word of nfc(text).split(/\s+/).filter(Boolean)) {
    const wordWidth = font.widthOfTextAtSize(word, size);
    const candidateWidth = current ? currentWidth + space + wordWidth : wordWidth;
    if (candidateWidth <= maxWidth) {
      current = current ? `${current} ${word}` : word;
      currentWidth = candidateWidth;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    if (wordWidth <= maxWidth) {
      current = word;
      currentWidth = wordWidth;
      continue;
    }
    // Cut an over-long word by grapheme (a letter with its marks is one code point in NFC).
    for (const ch of word) {
      if (current && font.widthOfTextAtSize(current + ch, size) > maxWidth) {
        lines.push(current);
        current = '';
      }
      current += ch;
    }
    currentWidth = font.widthOfTextAtSize(current, size);
  }
  if (current) lines.push(current);
  return lines;
}
