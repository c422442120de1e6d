// The minutes as a PDF laid out like a Decree 30/2020 administrative document (Appendix I): the
// header block (issuing body left, national motto right, each with its rule), the place and
// date line, the document kind "BIÊN BẢN" and its subject, the body in 13 pt, and the signature
// block with "THƯ KÝ" left and "CHỦ TỌA" right, where the signing workflow later places the
// signatures. Noto Sans is embedded as a subset, so every Vietnamese letter renders and copies.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import type { VoteChoice } from '../../contract/votes.ts';
import type { MinutesFacts, MinutesPerson, MinutesVote } from '../minutes-facts.ts';
import { clockOn, dateLine, timeAndDate } from '../vietnam-date.ts';
import { A4, CONTENT_WIDTH, MARGIN, PageFlow } from './page-flow.ts';

export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

const BODY = 13;
const HEAD = 12.5;
const INDENT = 1.27 * (72 / 2.54);
// OpenType shaping (fontkit's GSUB/GPOS lookups) is most of the time of a long document. Text
// is NFC, so every Vietnamese letter is one precomposed glyph from the cmap and needs neither
// mark positioning nor ligatures: the features are turned off (kerning too, a negligible loss).
const NO_SHAPING = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'rvrn', 'dlig', 'frac', 'numr', 'dnom'].map((f) => [f, false]),
);
const CHOICE_LABEL: Record<VoteChoice, string> = { yes: 'Tán thành', no: 'Không tán thành', abstain: 'Không biểu quyết' };

const who = (p: MinutesPerson): string => (p.title ? `${p.fullName} – ${p.title}` : p.fullName);

export async function renderMinutesPdf(facts: MinutesFacts, fonts: FontBytes): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([doc.embedFont(fonts.regular, { subset: true, features: NO_SHAPING }), doc.embedFont(fonts.bold, { subset: true, features: NO_SHAPING })]);
  // A fixed date: the same facts give the same bytes (and so the same SHA-256).
  const stamp = new Date(facts.documentDate);
  doc.setTitle(`Biên bản: ${facts.title}`.normalize('NFC'));
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  doc.setProducer('ecabinet');
  doc.setCreator('ecabinet');
  const flow = new PageFlow(doc, { regular, bold });

  header(flow, facts);
  title(flow, facts);
  timePlacePeople(flow, facts);
  attendance(flow, facts);
  agenda(flow, facts);
  floorTurns(flow, facts);
  votes(flow, facts);
  conclusions(flow, facts);
  signatures(flow, facts);
  pageNumbers(flow, facts);
  return doc.save({ useObjectStreams: true });
}

/** Issuing body (left) and national motto (right), each over a short rule; then the date line. */
function header(flow: PageFlow, f: MinutesFacts): void {
  const leftW = CONTENT_WIDTH * 0.38;
  const rightX = MARGIN.left + CONTENT_WIDTH * 0.38;
  const rightW = CONTENT_WIDTH * 0.62;
  const lh = flow.lineHeight(HEAD);
  let y = flow.y - lh;
  const left: Array<{ text: string; bold: boolean }> = [];
  const wrapLeft = (text: string, bold: boolean) => {
    const font = bold ? flow.fonts.bold : flow.fonts.regular;
    for (const line of wrapUpper(font, text, leftW)) left.push({ text: line, bold });
  };
  if (f.parentUnitName) wrapLeft(f.parentUnitName, false);
  wrapLeft(f.unitName, true);
  let ly = y;
  for (const line of left) {
    flow.lineAt(line.text, MARGIN.left, ly, leftW, { size: HEAD, bold: line.bold, align: 'center' });
    ly -= lh;
  }
  const ruleL = leftW * 0.3;
  flow.rule(MARGIN.left + (leftW - ruleL) / 2, MARGIN.left + (leftW + ruleL) / 2, ly + lh - 5);

  flow.lineAt('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, y, rightW, { size: HEAD, bold: true, align: 'center' });
  y -= lh;
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  flow.lineAt(motto, rightX, y, rightW, { size: BODY, bold: true, align: 'center' });
  const mottoW = flow.fonts.bold.widthOfTextAtSize(motto, BODY);
  flow.rule(rightX + (rightW - mottoW) / 2, rightX + (rightW + mottoW) / 2, y - 5);
  y -= lh * 1.8;
  flow.lineAt(dateLine(f.placeName, f.documentDate), rightX, y, rightW, { size: BODY, align: 'center' });
  flow.skip(flow.y - Math.min(y, ly) + lh);
}

/** Upper case as Decree 30 writes the issuing body, wrapped to its column. */
function wrapUpper(font: PageFlow['fonts']['regular'], text: string, width: number): string[] {
  const upper = text.normalize('NFC').toLocaleUpperCase('vi');
  const words = upper.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(candidate, HEAD) > width) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}

function title(flow: PageFlow, f: MinutesFacts): void {
  flow.paragraph('BIÊN BẢN', { size: 14, bold: true, align: 'center', after: 0 });
  flow.paragraph(f.title, { size: 14, bold: true, align: 'center', after: f.final ? 12 : 2 });
  if (!f.final) flow.paragraph('(Bản nháp – chưa phải biên bản chính thức)', { size: 11, align: 'center', after: 10 });
}

function heading(flow: PageFlow, text: string): void {
  flow.ensure(flow.lineHeight(BODY) * 3);
  flow.paragraph(text, { bold: true, after: 4 });
}

function timePlacePeople(flow: PageFlow, f: MinutesFacts): void {
  heading(flow, 'I. THỜI GIAN, ĐỊA ĐIỂM VÀ THÀNH PHẦN');
  const end = f.endedAt ? `; kết thúc lúc ${timeAndDate(f.endedAt)}` : '';
  flow.paragraph(`1. Thời gian: bắt đầu lúc ${timeAndDate(f.startsAt)}${end}.`, { firstLine: INDENT });
  flow.paragraph(`2. Địa điểm: ${f.place}.`, { firstLine: INDENT });
  flow.paragraph(`3. Chủ tọa: ${who(f.chair)}.`, { firstLine: INDENT });
  flow.paragraph(`4. Thư ký: ${f.secretary ? who(f.secretary) : 'không chỉ định'}.`, { firstLine: INDENT });
}

function attendance(flow: PageFlow, f: MinutesFacts): void {
  const q = f.quorum;
  flow.paragraph(
    `5. Thành phần tham dự: ${f.attendees.length} đại biểu; ${q.attendedUnits}/${q.invitedUnits} điểm cầu (đơn vị) được mời có mặt.`,
    { firstLine: INDENT },
  );
  if (f.attendees.length > 0) {
    const rows = f.attendees.map((a, i) => [
      String(i + 1),
      a.title ? `${a.fullName}\n${a.title}` : a.fullName,
      a.unitName,
      a.sessions.map((s) => `${clockOn(s.joinedAt, f.startsAt)} – ${s.leftAt ? clockOn(s.leftAt, f.startsAt) : '…'}`).join('\n'),
    ]);
    flow.table(
      [
        { title: 'STT', width: 0.08, align: 'center' },
        { title: 'Họ và tên, chức vụ', width: 0.36 },
        { title: 'Đơn vị', width: 0.32 },
        { title: 'Vào – Ra', width: 0.24, align: 'center' },
      ],
      rows,
    );
  }
  const absent = f.absentUnits.length === 0 ? 'không có' : f.absentUnits.join('; ');
  flow.paragraph(`6. Đơn vị được mời vắng mặt (${f.absentUnits.length}): ${absent}.`, { firstLine: INDENT });
}

function agenda(flow: PageFlow, f: MinutesFacts): void {
  heading(flow, 'II. NỘI DUNG CUỘC HỌP');
  flow.paragraph('1. Chương trình họp:', { firstLine: INDENT });
  if (f.agenda.length === 0) flow.paragraph('Không có nội dung trong chương trình.', { indent: INDENT });
  for (const item of f.agenda) {
    const by = item.presenter ? ` (trình bày: ${who(item.presenter)})` : '';
    flow.paragraph(`${item.position}. ${item.title}${by}.`, { indent: INDENT });
    if (item.conclusion) flow.paragraph(`Kết luận: ${item.conclusion}`, { indent: INDENT * 1.5 });
  }
}

function floorTurns(flow: PageFlow, f: MinutesFacts): void {
  flow.paragraph(`2. Phát biểu tại cuộc họp (${f.floor.length} lượt):`, { firstLine: INDENT });
  if (f.floor.length === 0) {
    flow.paragraph('Không có lượt phát biểu.', { indent: INDENT });
    return;
  }
  flow.table(
    [
      { title: 'STT', width: 0.08, align: 'center' },
      { title: 'Người phát biểu', width: 0.38 },
      { title: 'Đơn vị', width: 0.3 },
      { title: 'Thời gian', width: 0.24, align: 'center' },
    ],
    f.floor.map((t, i) => [
      String(i + 1),
      t.title ? `${t.fullName}\n${t.title}` : t.fullName,
      t.unitName,
      `${clockOn(t.grantedAt, f.startsAt)} – ${t.endedAt ? clockOn(t.endedAt, f.startsAt) : '…'}`,
    ]),
  );
}

function votes(flow: PageFlow, f: MinutesFacts): void {
  flow.paragraph(`3. Kết quả biểu quyết (${f.votes.length}):`, { firstLine: INDENT });
  if (f.votes.length === 0) flow.paragraph('Không có biểu quyết.', { indent: INDENT });
  const titleOf = new Map(f.agenda.map((i) => [i.position, i.title]));
  f.votes.forEach((v, i) => voteBlock(flow, v, i + 1, v.agendaPosition === null ? null : (titleOf.get(v.agendaPosition) ?? null)));
}

function voteBlock(flow: PageFlow, v: MinutesVote, n: number, itemTitle: string | null): void {
  const item = itemTitle ? ` – nội dung ${v.agendaPosition}: ${itemTitle}` : '';
  const how = `${v.mode === 'open' ? 'biểu quyết công khai' : 'biểu quyết kín'}, ${v.eligibility === 'unit' ? 'mỗi đơn vị một phiếu' : 'mỗi người một phiếu'}`;
  flow.ensure(flow.lineHeight(BODY) * 3);
  flow.paragraph(`3.${n}. ${v.question}${item} (${how}).`, { indent: INDENT, bold: true });
  const r = v.result;
  if (!r) {
    flow.paragraph('Biểu quyết chưa kết thúc khi cuộc họp kết thúc.', { indent: INDENT * 1.5 });
    return;
  }
  const c = r.counts;
  flow.paragraph(
    `Số phiếu: ${r.cast}/${r.eligible}. Tán thành: ${c.yes}; Không tán thành: ${c.no}; Không biểu quyết: ${c.abstain}.`,
    { indent: INDENT * 1.5 },
  );
  if (!r.names) return;
  for (const choice of ['yes', 'no', 'abstain'] as const) {
    const names = r.names[choice];
    if (names.length > 0) flow.paragraph(`${CHOICE_LABEL[choice]}: ${names.join('; ')}.`, { indent: INDENT * 1.5, size: 12 });
  }
}

function conclusions(flow: PageFlow, f: MinutesFacts): void {
  heading(flow, 'III. KẾT LUẬN');
  const text = f.conclusions.trim();
  if (!text) flow.paragraph('(Thư ký chưa ghi kết luận.)', { firstLine: INDENT });
  for (const para of text.split(/\r?\n/).filter((p) => p.trim())) flow.paragraph(para.trim(), { firstLine: INDENT });
  const end = f.endedAt ? `Cuộc họp kết thúc lúc ${timeAndDate(f.endedAt)}.` : 'Cuộc họp chưa kết thúc.';
  flow.paragraph(`${end} Biên bản này gồm các nội dung nêu trên, được lập thành văn bản điện tử và ký số bởi thư ký và chủ tọa.`, { firstLine: INDENT });
}

/** "THƯ KÝ" left, "CHỦ TỌA" right, names under the room kept for the signatures. */
function signatures(flow: PageFlow, f: MinutesFacts): void {
  const lh = flow.lineHeight(BODY);
  const room = 70;
  flow.ensure(lh * 3 + room + 10);
  flow.skip(lh);
  const half = CONTENT_WIDTH / 2;
  const y = flow.y;
  flow.lineAt('THƯ KÝ', MARGIN.left, y, half, { size: BODY, bold: true, align: 'center' });
  flow.lineAt('CHỦ TỌA', MARGIN.left + half, y, half, { size: BODY, bold: true, align: 'center' });
  const ny = y - lh - room;
  flow.lineAt(f.secretary?.fullName ?? '', MARGIN.left, ny, half, { size: BODY, bold: true, align: 'center' });
  flow.lineAt(f.chair.fullName, MARGIN.left + half, ny, half, { size: BODY, bold: true, align: 'center' });
  flow.skip(y - ny + lh);
}

/** Decree 30: page numbers centred in the top margin from page 2; a draft says so at the foot. */
function pageNumbers(flow: PageFlow, f: MinutesFacts): void {
  const total = flow.pages.length;
  flow.pages.forEach((page, i) => {
    if (i > 0) {
      const text = String(i + 1);
      const w = flow.fonts.regular.widthOfTextAtSize(text, 12);
      page.drawText(text, { x: (A4.width - w) / 2, y: A4.height - MARGIN.top / 2 - 4, size: 12, font: flow.fonts.regular });
    }
    if (!f.final) {
      const text = `Bản nháp – trang ${i + 1}/${total}`.normalize('NFC');
      const w = flow.fonts.regular.widthOfTextAtSize(text, 9);
      page.drawText(text, { x: A4.width - MARGIN.right - w, y: MARGIN.bottom / 2, size: 9, font: flow.fonts.regular });
    }
  });
}
