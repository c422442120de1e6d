// Documents for the signing workflow's tests: an administrative decision laid out as Decree
// 30/2020 Appendix I shows it — body text, then on the last page "Nơi nhận:" on the left and
// the signature block "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" on the right with room for the
// signature above the signer's name. Vietnamese text in Noto Sans (assets/fonts), subset.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { REPO_ROOT } from './browser.ts';

/** Where the block's title lines are drawn on the last page (points, from the bottom-left). */
export const SIGNATURE_BLOCK = { x: 330, width: 220, lines: { organisation: 330, title: 314 }, nameY: 200, size: 12 } as const;

export async function decisionPdf(options: { pages?: number; title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(await readFile(join(REPO_ROOT, 'assets/fonts/NotoSans-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(await readFile(join(REPO_ROOT, 'assets/fonts/NotoSans-Bold.ttf')), { subset: true });
  const pages = options.pages ?? 2;
  const centred = (page: ReturnType<typeof doc.addPage>, text: string, y: number, font = bold, size = 12, box = { x: 0, w: 595 }) =>
    page.drawText(text, { x: box.x + (box.w - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color: rgb(0, 0, 0) });
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    if (i === 1) {
      centred(page, 'ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH', 790, bold, 11, { x: 40, w: 240 });
      centred(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 790, bold, 11, { x: 300, w: 260 });
      centred(page, 'Độc lập - Tự do - Hạnh phúc', 774, bold, 11, { x: 300, w: 260 });
      centred(page, 'QUYẾT ĐỊNH', 720, bold, 14);
      centred(page, options.title ?? 'Về việc ban hành quy chế làm việc không giấy tờ', 700, regular, 12);
    }
    for (let line = 0; line < 14; line++) {
      page.drawText(`Điều ${i}.${line + 1}. Nội dung quy định của văn bản, dòng ${line + 1} — trang ${i}.`, { x: 60, y: 640 - line * 20, size: 11, font: regular });
    }
    if (i === pages) {
      page.drawText('Nơi nhận:', { x: 60, y: SIGNATURE_BLOCK.lines.organisation, size: 10, font: bold });
      page.drawText('- Như Điều 3;', { x: 60, y: 316, size: 9, font: regular });
      page.drawText('- Lưu: VT.', { x: 60, y: 304, size: 9, font: regular });
      const box = { x: SIGNATURE_BLOCK.x, w: SIGNATURE_BLOCK.width };
      centred(page, 'TM. ỦY BAN NHÂN DÂN', SIGNATURE_BLOCK.lines.organisation, bold, SIGNATURE_BLOCK.size, box);
      centred(page, 'CHỦ TỊCH', SIGNATURE_BLOCK.lines.title, bold, SIGNATURE_BLOCK.size, box);
      centred(page, 'Hoàng Văn Nam', SIGNATURE_BLOCK.nameY, bold, SIGNATURE_BLOCK.size, box);
    }
  }
  return doc.save({ useObjectStreams: false });
}
