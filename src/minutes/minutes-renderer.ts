// Turns facts into PDF bytes with the embedded fonts, remembering the last few drafts by a
// hash of their facts: a draft is regenerated on every read until the meeting closes, and
// reading it again with nothing changed costs one hash instead of a layout.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { renderMinutesPdf, type FontBytes } from './layout/minutes-pdf.ts';
import type { MinutesFacts } from './minutes-facts.ts';

const FONT_DIR = new URL('../../assets/fonts/', import.meta.url);
const CACHED_DRAFTS = 16;

export async function readMinutesFonts(): Promise<FontBytes> {
  const [regular, bold] = await Promise.all([readFile(new URL('NotoSans-Regular.ttf', FONT_DIR)), readFile(new URL('NotoSans-Bold.ttf', FONT_DIR))]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}

export const factsHash = (facts: MinutesFacts): string => createHash('sha256').update(JSON.stringify(facts)).digest('hex');

export class MinutesRenderer {
  #fonts: Promise<FontBytes> | undefined;
  readonly #drafts = new Map<string, Promise<Uint8Array>>();

  /** The PDF of these facts; the same facts give the same bytes, from the cache when recent. */
  async render(facts: MinutesFacts): Promise<Uint8Array> {
    const key = factsHash(facts);
    const known = this.#drafts.get(key);
    if (known) return known;
    this.#fonts ??= readMinutesFonts();
    const made = this.#fonts.then((fonts) => renderMinutesPdf(facts, fonts));
    this.#drafts.set(key, made);
    made.catch(() => this.#drafts.delete(key));
    if (this.#drafts.size > CACHED_DRAFTS) {
      const oldest = this.#drafts.keys().next().value;
      if (oldest !== undefined) this.#drafts.delete(oldest);
    }
    return made;
  }
}
