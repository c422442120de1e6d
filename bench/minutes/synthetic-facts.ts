// Minutes facts of a meeting of any size without a database: `sites` attendees (one per commune
// or district site, some with a reconnect), ~10 agenda items with presenters, a floor turn every
// few sites and an open and a secret vote per item. The benchmark and the layout's unit tests use it.
import type { MinutesAttendee, MinutesFacts, MinutesFloorTurn, MinutesVote } from '../../src/minutes/minutes-facts.ts';

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hương', 'Khánh', 'Lan', 'Nam', 'Phượng', 'Quý', 'Sơn', 'Thành', 'Việt', 'Yến'];

const nameOf = (i: number): string => `${SURNAMES[i % 10]} ${MIDDLE[(i >> 1) % 6]} ${GIVEN[(i * 7) % 15]} ${i + 1}`;

export function syntheticFacts(sites: number, opts: { items?: number; conclusions?: string } = {}): MinutesFacts {
  const start = Date.parse('2026-03-05T01:30:00Z'); // 08:30 in Hà Nội
  const at = (min: number) => new Date(start + min * 60_000).toISOString();
  const attendees: MinutesAttendee[] = Array.from({ length: sites }, (_, i) => ({
    fullName: nameOf(i),
    title: i % 3 === 0 ? 'Chủ tịch Ủy ban nhân dân' : 'Phó Chủ tịch',
    unitName: i === 0 ? 'UBND Thành phố Hà Nội' : `UBND Phường số ${i} quận Hoàn Kiếm`,
    sessions: i % 17 === 0 ? [{ joinedAt: at(0), leftAt: at(40) }, { joinedAt: at(45), leftAt: at(180) }] : [{ joinedAt: at(i % 5), leftAt: at(180) }],
  }));
  const items = opts.items ?? 10;
  const agenda = Array.from({ length: items }, (_, i) => ({
    position: i + 1,
    title: `Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế – xã hội, lĩnh vực số ${i + 1}`,
    presenter: { fullName: nameOf(i * 13), title: 'Giám đốc Sở' },
    conclusion: i % 3 === 0 ? `Thống nhất thông qua nội dung số ${i + 1}.` : null,
  }));
  const floor: MinutesFloorTurn[] = Array.from({ length: Math.max(1, Math.floor(sites / 10)) }, (_, i) => ({
    fullName: nameOf(i * 10),
    title: 'Chủ tịch Ủy ban nhân dân',
    unitName: `UBND Phường số ${i * 10}`,
    grantedAt: at(10 + i),
    endedAt: at(11 + i),
  }));
  const votes: MinutesVote[] = agenda.flatMap((item, i): MinutesVote[] => {
    const yes = attendees.filter((_, j) => j % 10 !== i % 10).map((a) => `${a.fullName} (${a.unitName})`);
    const no = attendees.filter((_, j) => j % 10 === i % 10).map((a) => `${a.fullName} (${a.unitName})`);
    const counts = { yes: yes.length, no: no.length, abstain: 0 };
    return [
      { question: `Thông qua nội dung số ${item.position}?`, agendaPosition: item.position, mode: 'open', eligibility: 'person', result: { counts, cast: sites, eligible: sites, names: { yes, no, abstain: [] } } },
      { question: `Thông qua kinh phí nội dung số ${item.position}?`, agendaPosition: item.position, mode: 'secret', eligibility: 'unit', result: { counts, cast: sites, eligible: sites, names: null } },
    ];
  });
  return {
    parentUnitName: 'UBND Thành phố Hà Nội',
    unitName: 'Văn phòng Ủy ban nhân dân Thành phố',
    placeName: 'Hà Nội',
    documentDate: at(180),
    title: `Hội nghị trực tuyến giao ban ${sites} điểm cầu`,
    startsAt: at(0),
    endedAt: at(180),
    place: 'Họp trực tuyến; điểm cầu chính: Văn phòng Ủy ban nhân dân Thành phố',
    chair: { fullName: 'Trần Sỹ Thanh', title: 'Chủ tịch UBND Thành phố' },
    secretary: { fullName: 'Nguyễn Thị Hằng', title: 'Chuyên viên Văn phòng' },
    attendees,
    absentUnits: ['UBND Xã Đường Lâm', 'UBND Xã Tản Lĩnh'],
    quorum: { attendedUnits: sites, invitedUnits: sites + 2 },
    agenda,
    floor,
    votes,
    conclusions: opts.conclusions ?? 'Thống nhất thông qua các nội dung đã trình.\nGiao các sở, ngành triển khai thực hiện.',
    final: false,
  };
}
