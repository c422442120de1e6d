// The minutes' fonts: Noto Sans Regular and Bold from assets/fonts (SIL OFL 1.1), shipped with
// the application so no system font is needed; embedded as subsets (only the glyphs used).
import { readFile } from 'node:fs/promises';
import type { FontBytes } from './minutes-pdf.ts';

const FONT_DIR = new URL('../../../assets/fonts/', import.meta.url);

export async function readMinutesFonts(): Promise<FontBytes> {
  const [regular, bold] = await Promise.all([readFile(new URL('NotoSans-Regular.ttf', FONT_DIR)), readFile(new URL('NotoSans-Bold.ttf', FONT_DIR))]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}
