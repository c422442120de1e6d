// Where the signing UI proposes a signature (web/src/features/workflow/placement.ts): under the
// document's signature block when it has one, else in the corner of its kind; and the exact
// conversion between the box on the screen and the PDF points the server takes.
import { describe, expect, it } from 'vitest';
import {
  BOX_SIZE,
  clampRect,
  findSignatureBlock,
  groupLines,
  isSignatureBlockLine,
  proposeRect,
  toPdfRect,
  toScreenBox,
  type TextLine,
} from '../../web/src/features/workflow/placement.ts';
import { initials } from '../../web/src/features/workflow/initials.ts';

const A4 = { width: 595, height: 842 };
const line = (text: string, x: number, y: number, w = 120, h = 12): TextLine => ({ text, x, y, w, h });

describe('the signature block', () => {
  it('recognises the capitalised titles and abbreviations of Decree 30, also written tight', () => {
    for (const text of ['KT. CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN', 'PHÓ CHỦ TỊCH', 'GIÁM ĐỐC', 'KT.CHỦ TỊCH', 'NGƯỜI KÝ', 'TL. CHÁNH VĂN PHÒNG']) {
      expect(isSignatureBlockLine(text), text).toBe(true);
    }
    // The same words in the body of the text, and near misses, are not the block.
    for (const text of ['Kính gửi: Chủ tịch UBND các phường', 'Nơi nhận:', 'Hà Nội, ngày 01 tháng 12 năm 2026', 'CHỦ TỊCHS']) {
      expect(isSignatureBlockLine(text), text).toBe(false);
    }
  });

  it('takes the lowest title line of the block, right above the space for the signature', () => {
    const lines = [line('QUYẾT ĐỊNH', 250, 700), line('TM. ỦY BAN NHÂN DÂN', 360, 300), line('KT. CHỦ TỊCH', 380, 286), line('PHÓ CHỦ TỊCH', 380, 272), line('Nguyễn Văn A', 380, 180)];
    expect(findSignatureBlock(lines)?.text).toBe('PHÓ CHỦ TỊCH');
    expect(findSignatureBlock([line('Nội dung', 50, 500)])).toBeNull();
  });

  it('joins pdf.js runs on one baseline into lines, but not across the page', () => {
    const lines = groupLines([line('TỊCH', 414, 272.5, 30), line('CHỦ', 380, 272, 30), line('Nơi nhận:', 50, 272.4, 50), line('Trang 1', 50, 800)]);
    expect(lines.map((l) => l.text)).toEqual(['Trang 1', 'Nơi nhận:', 'CHỦ TỊCH']);
    expect(lines[2]).toMatchObject({ x: 380, w: 64 });
    // So the block is found although "Nơi nhận:" shares its baseline.
    expect(findSignatureBlock(lines)?.text).toBe('CHỦ TỊCH');
  });
});

describe('the proposed box', () => {
  it('is centred under the block title, inside the page', () => {
    const block = line('CHỦ TỊCH', 400, 300, 100);
    const rect = proposeRect('personal', A4, block);
    expect(rect.w).toBe(BOX_SIZE.personal.w);
    expect(rect.x + rect.w / 2).toBeCloseTo(450, 0);
    expect(rect.y + rect.h).toBeLessThanOrEqual(300);
    expect(rect.x + rect.w).toBeLessThanOrEqual(A4.width);
  });

  it('a review beside the block on its left, leaving the space under it to the leader', () => {
    const block = line('CHỦ TỊCH', 400, 300, 100);
    const review = proposeRect('review', A4, block);
    expect(review.x + review.w).toBeLessThan(block.x);
    expect(review.y + review.h).toBeLessThanOrEqual(300);
    // No room on the left: the corner.
    expect(proposeRect('review', A4, line('CHỦ TỊCH', 60, 300, 100))).toMatchObject({ x: 36, y: 36 });
  });

  it('without a block: bottom right for the leader, bottom left for a review', () => {
    const personal = proposeRect('personal', A4, null);
    expect(personal.x + personal.w).toBeCloseTo(A4.width - 36, 5);
    expect(personal.y).toBe(36);
    const review = proposeRect('review', A4, null);
    expect(review).toMatchObject({ x: 36, y: 36, ...BOX_SIZE.review });
  });

  it('is kept inside the page when the block is at its edge', () => {
    const { w, h } = BOX_SIZE.personal;
    expect(proposeRect('personal', A4, line('GIÁM ĐỐC', 560, 40, 30))).toEqual(clampRect({ x: A4.width - w, y: 0, w, h }, A4));
  });
});

describe('screen and PDF coordinates', () => {
  it('convert both ways at any zoom (y measured up from the bottom in PDF)', () => {
    const rect = { x: 360, y: 150, w: 200, h: 130 };
    for (const scale of [0.5, 4 / 3, 2.25]) {
      const box = toScreenBox(rect, scale, A4);
      expect(box.top).toBeCloseTo((842 - 150 - 130) * scale, 5);
      expect(toPdfRect(box, scale, A4)).toEqual(rect);
    }
  });

  it('a box dragged past an edge stops at it', () => {
    expect(toPdfRect({ left: -50, top: -20, width: 100, height: 50 }, 1, A4)).toEqual({ x: 0, y: 792, w: 100, h: 50 });
    expect(toPdfRect({ left: 580, top: 830, width: 100, height: 50 }, 1, A4)).toEqual({ x: 495, y: 0, w: 100, h: 50 });
  });
});

describe('initials', () => {
  it('of a Vietnamese name', () => {
    expect(initials('Nguyễn Văn An')).toBe('NVA');
    expect(initials('  lê   thị  hồng ')).toBe('LTH');
  });
});
