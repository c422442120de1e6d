// Fonts for appearance text. The 14 standard PDF fonts use WinAnsi and cannot show Vietnamese
// (ă, ơ, ư, đ and the stacked tone marks), so a TrueType font is embedded as a CIDFontType2 with
// Identity-H encoding and a ToUnicode CMap (ISO 32000-1 §9.7.4, §9.10.3) — pdf-lib does this with
// fontkit. Only the glyphs used are embedded (a subset), keeping each signature small.
// The fonts ship in assets/fonts (Noto Sans, SIL OFL 1.1) so the runtime never needs system fonts.
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { ContentCache } from './content-cache.ts';
import type { AppearanceFonts } from './types.ts';

// pdf-lib does not export fontkit's types by name.
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type Font = ReturnType<Fontkit['create']>;

const FONT_DIR = new URL('../../../assets/fonts/', import.meta.url);

let defaultFonts: Promise<AppearanceFonts> | undefined;

/** Noto Sans Regular and Bold from assets/fonts, read once per thread (static assets; do not modify). */
export function readDefaultFonts(): Promise<AppearanceFonts> {
  defaultFonts ??= Promise.all([
    readFile(new URL('NotoSans-Regular.ttf', FONT_DIR)),
    readFile(new URL('NotoSans-Bold.ttf', FONT_DIR)),
  ]).then(([regular, bold]) => ({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) }));
  defaultFonts.catch(() => (defaultFonts = undefined));
  return defaultFonts;
}

// pdf-lib parses the font program again for every embedFont; the parsed font is read-only to it
// (each embedding makes its own subset), so one parse per font per thread is enough. A Fontkit
// whose create() answers from the cache gives pdf-lib the shared parse.
const parsedFonts = new ContentCache<Font>(8);
const cachingFontkit: Fontkit = {
  create: (bytes, postscriptName) => parsedFonts.get(bytes, () => keepCodePoints(fontkit.create(bytes, postscriptName))),
};

/**
 * fontkit keeps one glyph object per glyph id with the code points of its FIRST request, and
 * pdf-lib writes the ToUnicode CMap from them. Subsetting asks for the components of composite
 * glyphs by id alone ("Ị" is "I" plus a dot), so in a shared font a later "I" would come back
 * with no code point and copy out of the PDF as nothing. Requests that know the characters (text
 * layout) fill in the code points of such a glyph.
 */
function keepCodePoints(font: Font): Font {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    if (codePoints?.length && !glyph.codePoints.length) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

// Text is NFC (see nfc below), so every Vietnamese letter is one precomposed glyph from the cmap
// and needs neither mark positioning nor ligatures; OpenType shaping (GSUB/GPOS) was a third of
// a visible signature's cost, so it is turned off as in the minutes' layout (kerning too: a
// fraction of a point on a name line).
const NO_SHAPING: Record<string, boolean> = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'rvrn', 'dlig', 'frac', 'numr', 'dnom'].map(
    (f) => [f, false],
  ),
);

/** Embeds a TrueType program as a subset; glyphs are collected as text is encoded. */
export async function embedSubsetFont(doc: PDFDocument, bytes: Uint8Array): Promise<PDFFont> {
  doc.registerFontkit(cachingFontkit);
  return doc.embedFont(bytes, { subset: true, features: NO_SHAPING });
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
