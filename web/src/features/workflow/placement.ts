// Where a signature goes, in the units the server takes: PDF points from the bottom-left corner
// of the page as seen (src/signing/appearance/placement.ts turns that into the widget /Rect).
// The screen works in CSS pixels from the top-left of the drawn page; these pure functions
// convert between the two and propose a first box, so they are tested without a browser.
import type { SignatureRect, StepKind } from '../../../../src/contract/workflow.ts';

/** A page as seen (after /Rotate), in points. */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

/** A box on the drawn page, CSS pixels from its top-left corner. */
export interface ScreenBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Box sizes (points) the server's appearances need (src/workflow/appearance-for.ts; the engine
 * refuses a box too small for its text): a review holds "Đã xem" and the initials; a personal
 * signature the title, the handwritten image and the name (Decree 30/2020 Appendix I). A seal
 * step has no box: the server centres the seal over the left third of the leader's signature.
 */
export const BOX_SIZE: Record<Exclude<StepKind, 'seal'>, { w: number; h: number }> = {
  review: { w: 150, h: 100 },
  personal: { w: 200, h: 130 },
};

/** Distance kept from the page edges for a proposed box (a typical 2 cm margin is ~57 pt). */
const MARGIN_PT = 36;
/** Gap between the signature block's title line and the box proposed under it. */
const GAP_PT = 4;
/** Between a review's box and the signature block beside it. */
const REVIEW_GAP_PT = 12;

const round = (n: number): number => Math.round(n * 10) / 10;
const clamp = (n: number, low: number, high: number): number => Math.min(Math.max(n, low), Math.max(low, high));

/** Keeps a rect inside the page (moved, not shrunk, unless it is larger than the page). */
export function clampRect(rect: SignatureRect, page: PageSize): SignatureRect {
  const w = Math.min(rect.w, page.width);
  const h = Math.min(rect.h, page.height);
  return { x: round(clamp(rect.x, 0, page.width - w)), y: round(clamp(rect.y, 0, page.height - h)), w: round(w), h: round(h) };
}

/** Screen box → PDF rect. `scale`: CSS pixels per point of the page as drawn. */
export function toPdfRect(box: ScreenBox, scale: number, page: PageSize): SignatureRect {
  const w = box.width / scale;
  const h = box.height / scale;
  return clampRect({ x: box.left / scale, y: page.height - box.top / scale - h, w, h }, page);
}

/** PDF rect → screen box on a page drawn at `scale` CSS pixels per point. */
export function toScreenBox(rect: SignatureRect, scale: number, page: PageSize): ScreenBox {
  return { left: rect.x * scale, top: (page.height - rect.y - rect.h) * scale, width: rect.w * scale, height: rect.h * scale };
}

/** A line of the page's text as seen: baseline-left corner (x, y) from the bottom-left, points. */
export interface TextLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * The words of a Vietnamese signature block (Decree 30/2020 Appendix I, "quyền hạn, chức vụ
 * của người ký"): KT. (ký thay), TM. (thay mặt), TL. / TUQ. (thừa lệnh, thừa ủy quyền), and
 * the usual titles. The block is printed in capitals, which tells it from the same words in
 * the text ("Kính gửi: Chủ tịch UBND…").
 */
const BLOCK_WORDS = [
  'KT.',
  'TM.',
  'TL.',
  'TUQ.',
  'CHỦ TỊCH',
  'GIÁM ĐỐC',
  'CHÁNH VĂN PHÒNG',
  'TRƯỞNG PHÒNG',
  'THỦ TRƯỞNG',
  'BÍ THƯ',
  'NGƯỜI KÝ',
] as const;

export function isSignatureBlockLine(text: string): boolean {
  const normal = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (normal !== normal.toLocaleUpperCase('vi')) return false;
  const line = ` ${normal} `;
  // "KT.CHỦ TỊCH" is written without the space too: an abbreviation need only start a word.
  return BLOCK_WORDS.some((word) => line.includes(word.endsWith('.') ? ` ${word}` : ` ${word} `));
}

/**
 * The signature block's last title line ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": the lower one, right
 * above the space left for the signature), or null when the page has none.
 */
export function findSignatureBlock(lines: readonly TextLine[]): TextLine | null {
  let found: TextLine | null = null;
  for (const line of lines) {
    if (!isSignatureBlockLine(line.text)) continue;
    if (!found || line.y < found.y) found = line;
  }
  return found;
}

/**
 * The box proposed to a signer of `kind`: a personal signature centred under the signature
 * block's title when the page has one, a review's initials just left of that title; without a
 * block (or no room left of it), bottom right (personal) or bottom left (review).
 */
export function proposeRect(kind: Exclude<StepKind, 'seal'>, page: PageSize, block: TextLine | null): SignatureRect {
  const { w, h } = BOX_SIZE[kind];
  // A review's initials stand beside the block, on its left: the space under it is the leader's.
  if (block && kind === 'review' && block.x - REVIEW_GAP_PT - w >= MARGIN_PT) {
    return clampRect({ x: block.x - REVIEW_GAP_PT - w, y: block.y - GAP_PT - h, w, h }, page);
  }
  if (block && kind === 'personal') {
    const centre = block.x + block.w / 2;
    return clampRect({ x: centre - w / 2, y: block.y - GAP_PT - h, w, h }, page);
  }
  const x = kind === 'personal' ? page.width - MARGIN_PT - w : MARGIN_PT;
  return clampRect({ x, y: MARGIN_PT, w, h }, page);
}

/**
 * Groups pdf.js text items into lines: runs on one baseline (within `tolerance` points) and
 * close together are joined left to right, so a title split into runs ("CHỦ" "TỊCH") still
 * reads as one line — but "Nơi nhận:" on the left of the same baseline stays apart from the
 * signature block on the right (a gap wider than three characters' height splits them).
 */
export function groupLines(items: readonly TextLine[], tolerance = 2): TextLine[] {
  const sorted = [...items].filter((i) => i.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextLine[][] = [];
  for (const item of sorted) {
    const row = rows.find((r) => Math.abs((r[0] as TextLine).y - item.y) <= tolerance);
    if (row) row.push(item);
    else rows.push([item]);
  }
  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let run: TextLine[] = [];
    const flush = (): void => {
      if (run.length > 0) lines.push(joinRun(run));
      run = [];
    };
    for (const item of row) {
      const last = run[run.length - 1];
      if (last && item.x - (last.x + last.w) > 3 * Math.max(last.h, 4)) flush();
      run.push(item);
    }
    flush();
  }
  return lines;
}

function joinRun(parts: readonly TextLine[]): TextLine {
  const first = parts[0] as TextLine;
  const right = Math.max(...parts.map((p) => p.x + p.w));
  return { text: parts.map((p) => p.text).join(' ').replace(/\s+/g, ' ').trim(), x: first.x, y: first.y, w: right - first.x, h: Math.max(...parts.map((p) => p.h)) };
}
