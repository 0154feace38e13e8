import { DocumentType } from '@tdkt/domain';
import type { DocumentData } from './index';
import type {
  ConferencePlanData,
  DocumentHead,
  GroupReportData,
  GroupYear,
  HonourProposal,
  HonourUndecided,
  InvitationData,
  MemberScores,
  MinutesData,
  ProposalData,
  RankingBlock,
  ReceiptData,
  ResultsTableData,
  ScoreSection,
  Signer,
} from './model';

/**
 * Sample data for previews and tests: the Tây Nguyên & Duyên hải miền Trung cluster in 2023 as
 * seed 000 describes it (chair Bình Định, vice Lâm Đồng, 10 provinces in two subgroups of 5), the
 * award statistics of seed 002 (fixtures/awards-2023-h1-tn-dhmt.json). The SCORES ARE INVENTED
 * (no seed gives them): they only exercise the tables, including a tie left to the conference.
 */

const PROVINCES: [string, string, 'TN' | 'DH'][] = [
  ['dak-lak', 'Đắk Lắk', 'TN'],
  ['gia-lai', 'Gia Lai', 'TN'],
  ['dak-nong', 'Đắk Nông', 'TN'],
  ['lam-dong', 'Lâm Đồng', 'TN'],
  ['kon-tum', 'Kon Tum', 'TN'],
  ['phu-yen', 'Phú Yên', 'DH'],
  ['binh-dinh', 'Bình Định', 'DH'],
  ['khanh-hoa', 'Khánh Hòa', 'DH'],
  ['quang-nam', 'Quảng Nam', 'DH'],
  ['quang-ngai', 'Quảng Ngãi', 'DH'],
];

export const SAMPLE_GROUP: GroupYear = {
  id: 'tn-dhmt',
  name: 'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung',
  shortName: 'TN&DHMT',
  kind: 'CLUSTER',
  year: 2023,
  organiser: 'Hội đồng Thi đua - Khen thưởng Trung ương',
  members: PROVINCES.map(([id, name, sub]) => ({ id, name, fullName: `UBND tỉnh ${name}`, subgroupId: sub })),
  subgroups: [
    { id: 'TN', name: '05 tỉnh Tây Nguyên' },
    { id: 'DH', name: '05 tỉnh Duyên hải miền Trung' },
  ],
  chair: { unitId: 'binh-dinh', name: 'Tỉnh Bình Định' },
  viceChair: { unitId: 'lam-dong', name: 'Tỉnh Lâm Đồng' },
};

const ISSUER = {
  parent: 'Hội đồng Thi đua - Khen thưởng Trung ương',
  name: 'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung',
};

const head = (number: string | null, symbol: string, date: string | null): DocumentHead => ({
  issuer: ISSUER,
  number,
  symbol,
  place: 'Bình Định',
  date,
  draftYear: date ? null : 2024,
});

export const SAMPLE_SIGNER: Signer = {
  authority: 'TM. Cụm thi đua',
  position: 'Cụm trưởng',
  signerTitle: 'Chủ tịch UBND tỉnh Bình Định',
  name: 'Phạm Anh Tuấn',
};

export const SAMPLE_SECTIONS: ScoreSection[] = [
  { code: 'KT', name: 'Thi đua thực hiện nhiệm vụ phát triển kinh tế', max: 35 },
  { code: 'VHXH', name: 'Thi đua thực hiện nhiệm vụ văn hóa - xã hội', max: 25 },
  { code: 'QPAN', name: 'Quốc phòng - an ninh, trật tự an toàn xã hội', max: 15 },
  { code: 'XDD', name: 'Xây dựng Đảng và hệ thống chính trị', max: 10 },
  { code: 'TDKT', name: 'Công tác thi đua, khen thưởng', max: 15 },
];

// Invented appraised points per section (KT, VHXH, QPAN, XDD, TDKT); self = appraised + a little.
const POINTS: Record<string, number[]> = {
  'dak-lak': [32, 23, 14, 9.5, 14],
  'gia-lai': [30.5, 22, 13.5, 9, 13.5],
  'dak-nong': [29, 21.5, 13, 9, 13],
  'lam-dong': [33, 23.5, 14, 9.5, 14.5],
  'kon-tum': [28, 21, 13, 8.5, 13],
  'phu-yen': [30, 22, 13.5, 9, 13.5],
  'binh-dinh': [33.5, 24, 14.5, 9.5, 14.5],
  'khanh-hoa': [32, 23, 14, 9.5, 14],
  'quang-nam': [32, 23.5, 13.5, 9.5, 14],
  'quang-ngai': [31, 22.5, 13.5, 9, 13.5],
};

const sum = (xs: number[]) => Math.round(xs.reduce((a, x) => a + x, 0) * 100) / 100;

export const SAMPLE_SCORES: MemberScores[] = PROVINCES.map(([id]) => {
  const ap = POINTS[id];
  const self = ap.map((v, i) => Math.min(SAMPLE_SECTIONS[i].max, v + (i % 2 === 0 ? 0.5 : 0)));
  return {
    memberId: id,
    self: Object.fromEntries(SAMPLE_SECTIONS.map((s, i) => [s.code, self[i]])),
    appraised: Object.fromEntries(SAMPLE_SECTIONS.map((s, i) => [s.code, ap[i]])),
    selfTotal: sum(self),
    appraisedTotal: sum(ap),
  };
});

function rankSub(sub: 'TN' | 'DH'): RankingBlock {
  const ids = PROVINCES.filter((p) => p[2] === sub).map((p) => p[0]);
  const totals = ids.map((id) => ({ id, total: sum(POINTS[id]) })).sort((a, b) => b.total - a.total);
  const rows = totals.map((x, i) => {
    const rank = totals.findIndex((y) => y.total === x.total) + 1;
    const tied = totals.filter((y) => y.total === x.total).length > 1;
    return {
      memberId: x.id,
      rank,
      total: x.total,
      tied,
      aheadOfNextBy: tied || i === totals.length - 1 ? null : 'tổng điểm cao hơn',
    };
  });
  return {
    subgroupId: sub,
    rows,
    tieBreaks: ['nhiều tiêu chí đạt điểm tối đa hơn', 'điểm công tác thi đua, khen thưởng cao hơn'],
  };
}

export const SAMPLE_RANKINGS: RankingBlock[] = [rankSub('TN'), rankSub('DH')];

// Tây Nguyên: Lâm Đồng leads, Đắk Lắk next. Duyên hải: Bình Định leads; Khánh Hòa and Quảng Nam tie.
export const SAMPLE_HONOURS: HonourProposal[] = [
  {
    subgroupId: 'TN',
    award: 'GOVERNMENT_FLAG',
    memberId: 'lam-dong',
    rank: 1,
    total: sum(POINTS['lam-dong']),
  },
  { subgroupId: 'TN', award: 'PM_CERTIFICATE', memberId: 'dak-lak', rank: 2, total: sum(POINTS['dak-lak']) },
  {
    subgroupId: 'DH',
    award: 'GOVERNMENT_FLAG',
    memberId: 'binh-dinh',
    rank: 1,
    total: sum(POINTS['binh-dinh']),
  },
];

export const SAMPLE_UNDECIDED: HonourUndecided[] = [
  {
    subgroupId: 'DH',
    award: 'PM_CERTIFICATE',
    candidates: ['khanh-hoa', 'quang-nam'],
    reason: 'bằng tổng điểm, bằng số tiêu chí đạt điểm tối đa và bằng điểm công tác thi đua, khen thưởng',
  },
];

/** Seed 002's award statistics (H1 2023) by catalogue code, members in seed order. */
export const SAMPLE_AWARDS = {
  periodLabel: '6 tháng đầu năm 2023',
  rows: [
    { code: 'DH-BA-ME-VN-ANH-HUNG', cells: [3, 0, 0, 1, 0, 1, 3, 3, 7, 11] },
    { code: 'HC-DOC-LAP', cells: [0, 0, 0, 0, 0, 0, 1, 0, 0, null] },
    { code: 'HC-LAO-DONG-1', cells: [1, 0, 0, 3, 0, 0, 0, 1, 0, 0] },
    { code: 'HC-LAO-DONG-2', cells: [7, 0, 0, 1, 0, 0, 0, 0, 1, 0] },
    { code: 'HC-LAO-DONG-3', cells: [6, 2, 1, 7, 0, 5, 5, 0, 3, 4] },
    { code: 'CO-THI-DUA-CHINH-PHU', cells: [4, 0, 5, 10, 5, 6, 14, 13, 8, 9] },
    { code: 'CSTD-TOAN-QUOC', cells: [1, 0, 0, 0, 0, 0, 0, 0, 0, null] },
    { code: 'BK-THU-TUONG', cells: [10, 13, 3, 18, 1, 17, 19, 35, 8, 4] },
    { code: 'KC-HUAN-HUY-CHUONG-BANG-KHEN', cells: [1, 0, 0, 0, 0, 0, 0, 0, 1, 0] },
    { code: 'KNC-BI-DICH-BAT-TU-DAY', cells: [0, 0, 0, 0, 0, 0, 8, 0, 0, 2] },
    { code: 'CO-THI-DUA-TINH', cells: [48, 16, 25, 41, 24, 68, 54, 29, 61, 38] },
    { code: 'TT-LAO-DONG-XUAT-SAC', cells: [215, 105, 88, 200, 34, 182, 192, 206, 178, 127] },
    { code: 'CSTD-TINH', cells: [45, 0, 33, 16, 0, 0, 11, 2, 80, 54] },
    { code: 'BK-CHU-TICH-TINH', cells: [1385, 701, 370, 1054, 745, 641, 980, 1939, 796, 898] },
  ],
};

const RECIPIENTS = [
  'Hội đồng TĐKT Trung ương',
  'Ban TĐKT Trung ương',
  'Thành viên Cụm thi đua TN&DHMT',
  'CT UBND tỉnh Bình Định',
  'Sở Nội vụ, Ban (Phòng) TĐ-KT các tỉnh trong Cụm thi đua TN&DHMT',
  'CVP UBND tỉnh Bình Định',
  'Lưu: VT, K2',
];

const PREPARATORY = {
  kind: 'PREPARATORY' as const,
  date: null,
  timeText: '01 ngày trước khi tiến hành Hội nghị tổng kết',
  place: 'Thành phố Quy Nhơn, tỉnh Bình Định',
  host: 'tỉnh Bình Định',
};

const OFFICIAL = {
  kind: 'OFFICIAL' as const,
  date: null,
  timeText: 'Trong tháng 02/2024',
  place: 'Thành phố Quy Nhơn, tỉnh Bình Định',
  host: 'tỉnh Bình Định',
};

export const SAMPLE_CONFERENCE_PLAN: ConferencePlanData = {
  head: head('214', 'KH-CTĐTN&DHMT', '2023-12-04'),
  recipients: RECIPIENTS,
  signer: SAMPLE_SIGNER,
  group: SAMPLE_GROUP,
  bases: [
    'Căn cứ Hướng dẫn số 1819/HD-BTĐKT ngày 13/7/2023 của Ban Thi đua - Khen thưởng Trung ương về việc tổ chức hoạt động và bình xét thi đua của Cụm thi đua các tỉnh, thành phố trực thuộc Trung ương',
    'Căn cứ Kế hoạch số 88/KH-CTĐTN&DHMT ngày 10/7/2023 của Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung ban hành Kế hoạch tổ chức hoạt động và bình xét thi đua của Cụm thi đua năm 2023',
  ],
  preparatory: PREPARATORY,
  official: OFFICIAL,
  milestones: [
    {
      label: 'Gửi báo cáo, bảng tự chấm điểm và tài liệu minh chứng',
      date: '2024-02-05',
      by: 'Các tỉnh trong Cụm thi đua',
    },
  ],
  submitTo:
    'qua Ban Thi đua - Khen thưởng, trực thuộc Sở Nội vụ tỉnh Bình Định, số 469 Trần Hưng Đạo, thành phố Quy Nhơn, tỉnh Bình Định; email: bantdktbinhdinhsnv@gmail.com',
  dossierDays: 7,
};

export const SAMPLE_GROUP_REPORT: GroupReportData = {
  head: head('156', 'BC-CTĐTN&DHMT', '2023-07-14'),
  recipients: [
    'Thành viên Hội đồng TĐKT Trung ương theo dõi CTĐ các tỉnh TN&DHMT (b/c)',
    'Ban TĐKT Trung ương (b/c)',
    'UBND và Sở Nội vụ các tỉnh trong CTĐ',
    'CT, các PCT UBND tỉnh Bình Định',
    'Lưu: VT, K2',
  ],
  signer: SAMPLE_SIGNER,
  group: SAMPLE_GROUP,
  period: 'H1',
  sections: SAMPLE_SECTIONS,
  scores: SAMPLE_SCORES,
  rankings: SAMPLE_RANKINGS,
  honours: SAMPLE_HONOURS,
  undecided: SAMPLE_UNDECIDED,
  awards: SAMPLE_AWARDS,
  narrative: {
    situation: [
      'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung gồm 10 tỉnh; có 122 đơn vị hành chính cấp huyện và 1.544 đơn vị hành chính cấp xã; diện tích tự nhiên 87.183,5 km2, chiếm 26,3% diện tích toàn quốc; dân số 12.339.153 người, đồng bào dân tộc thiểu số chiếm khoảng 30%.',
    ],
  },
};

export const SAMPLE_MINUTES: MinutesData = {
  head: head('03', 'BB-CTĐTN&DHMT', '2024-02-22'),
  group: SAMPLE_GROUP,
  conference: {
    kind: 'PREPARATORY',
    date: '2024-02-22',
    startTime: '14 giờ 00',
    place: 'Hội trường UBND tỉnh Bình Định, số 01 Trần Phú, thành phố Quy Nhơn, tỉnh Bình Định',
    host: 'tỉnh Bình Định',
  },
  chairPerson: { name: 'Lâm Hải Giang', position: 'Phó Chủ tịch UBND tỉnh Bình Định' },
  secretary: { name: 'Nguyễn Thị Thu Hà', position: 'Chuyên viên Ban Thi đua - Khen thưởng tỉnh Bình Định' },
  attendees: [
    {
      unit: 'Ban Thi đua - Khen thưởng Trung ương',
      people: [{ name: 'Trần Văn Hùng', position: 'Phó Trưởng ban' }],
    },
    ...PROVINCES.map(([, name]) => ({
      unit: `tỉnh ${name}`,
      people: [{ name: null, position: 'Lãnh đạo Ban Thi đua - Khen thưởng, Sở Nội vụ' }],
    })),
  ],
  sections: SAMPLE_SECTIONS,
  scores: SAMPLE_SCORES,
  rankings: SAMPLE_RANKINGS,
  honours: SAMPLE_HONOURS,
  undecided: SAMPLE_UNDECIDED,
  nextChair: { unitId: 'lam-dong', name: 'Tỉnh Lâm Đồng' },
  nextViceChair: { unitId: 'khanh-hoa', name: 'Tỉnh Khánh Hòa' },
  endTime: '17 giờ 00',
  lockedAt: '2024-02-22T09:30:00Z',
};

export const SAMPLE_INVITATION: InvitationData = {
  head: head('12', 'GM-CTĐTN&DHMT', '2024-02-10'),
  recipients: ['Như trên', 'Lưu: VT, K2'],
  signer: {
    ...SAMPLE_SIGNER,
    authority: 'TL. Cụm trưởng',
    position: 'Trưởng Ban Thi đua - Khen thưởng',
    signerTitle: null,
    name: 'Nguyễn Văn A',
  },
  group: SAMPLE_GROUP,
  conference: {
    kind: 'OFFICIAL',
    date: '2024-02-23',
    startTime: '08 giờ 00',
    place: 'Khách sạn Hải Âu, số 489 An Dương Vương, thành phố Quy Nhơn, tỉnh Bình Định',
    host: 'tỉnh Bình Định',
  },
  addressee: 'Lãnh đạo UBND tỉnh Đắk Lắk',
  contact: 'Đồng chí Nguyễn Thị Thu Hà, Ban Thi đua - Khen thưởng tỉnh Bình Định, điện thoại 0256 3822 xxx',
  replyBy: '2024-02-20',
};

export const SAMPLE_PROPOSAL: ProposalData = {
  head: head('25', 'TTr-CTĐTN&DHMT', '2024-02-28'),
  recipients: ['Như trên', 'Ban TĐKT Trung ương', 'Các tỉnh trong Cụm thi đua TN&DHMT', 'Lưu: VT, K2'],
  signer: SAMPLE_SIGNER,
  group: SAMPLE_GROUP,
  addressee: 'Hội đồng Thi đua - Khen thưởng Trung ương',
  bases: [
    'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
    'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
    'Căn cứ Hướng dẫn số 1819/HD-BTĐKT ngày 13/7/2023 của Ban Thi đua - Khen thưởng Trung ương',
  ],
  sections: SAMPLE_SECTIONS,
  scores: SAMPLE_SCORES,
  rankings: SAMPLE_RANKINGS,
  // The official conference chose Khánh Hòa between the two tied provinces.
  honours: [
    ...SAMPLE_HONOURS,
    {
      subgroupId: 'DH',
      award: 'PM_CERTIFICATE',
      memberId: 'khanh-hoa',
      rank: 2,
      total: sum(POINTS['khanh-hoa']),
    },
  ],
  undecided: [],
  minutes: { number: '03/BB-CTĐTN&DHMT', date: '2024-02-22' },
  attachments: [
    'Biên bản Hội nghị trù bị',
    'Bảng tổng hợp kết quả chấm điểm',
    'Báo cáo thành tích của các tỉnh được đề nghị',
  ],
};

export const SAMPLE_RECEIPT: ReceiptData = {
  head: { ...head('PTN-2024-000123', '', '2024-02-04') },
  receiptNumber: 'PTN-2024-000123',
  receivedAt: '2024-02-04T07:05:09Z',
  unit: { id: 'dak-lak', name: 'UBND tỉnh Đắk Lắk' },
  campaign: {
    id: 'c-2023',
    name: 'Tổng kết giao ước thi đua năm 2023',
    groupName: SAMPLE_GROUP.name,
    year: 2023,
  },
  kind: { code: 'ANNUAL_REPORT', label: 'Báo cáo tổng kết năm' },
  version: 2,
  late: false,
  submittedBy: 'Nguyễn Văn B (Ban Thi đua - Khen thưởng tỉnh Đắk Lắk)',
  files: [
    {
      name: 'Bao cao tong ket 2023 - Dak Lak.pdf',
      size: 1843521,
      sha256: '9f2c4e1b7a3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f',
      contentType: 'application/pdf',
    },
    {
      name: 'Bảng tự chấm điểm.xlsx',
      size: 48213,
      sha256: '0a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f9f2c4e1b7a3d5c6e8f',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  ],
  verificationCode: 'K7QX-3M9D-T2WF',
  verifyUrl: 'https://tdkt.example.gov.vn/verify/K7QX-3M9D-T2WF',
  signer: {
    authority: null,
    position: 'Đơn vị tiếp nhận',
    signerTitle: 'Cụm trưởng Cụm thi đua TN&DHMT',
    name: null,
  },
};

export const SAMPLE_RESULTS_TABLE: ResultsTableData = {
  head: head('04', 'BTH-CTĐTN&DHMT', '2024-02-22'),
  recipients: ['Ban TĐKT Trung ương', 'Các tỉnh trong Cụm thi đua TN&DHMT', 'Lưu: VT, K2'],
  signer: SAMPLE_SIGNER,
  group: SAMPLE_GROUP,
  sections: SAMPLE_SECTIONS,
  scores: SAMPLE_SCORES,
  rankings: SAMPLE_RANKINGS,
  locked: true,
  asOf: '2024-02-22T09:30:00Z',
};

/** A group of `n` members (two subgroups) with scores and rankings: for the long-table cases. */
export function largeGroup(n: number): {
  group: GroupYear;
  scores: MemberScores[];
  rankings: RankingBlock[];
} {
  const members = Array.from({ length: n }, (_, i) => ({
    id: `u${i + 1}`,
    name: `Đơn vị thành viên số ${i + 1}`,
    subgroupId: i % 2 === 0 ? 'A' : 'B',
  }));
  const scores: MemberScores[] = members.map((m, i) => {
    const ap = SAMPLE_SECTIONS.map((s, j) => Math.round(((i * 7 + j * 3) % (s.max * 2)) * 50) / 100);
    return {
      memberId: m.id,
      self: Object.fromEntries(SAMPLE_SECTIONS.map((s, j) => [s.code, Math.min(s.max, ap[j] + 0.5)])),
      appraised: Object.fromEntries(SAMPLE_SECTIONS.map((s, j) => [s.code, ap[j]])),
      selfTotal: sum(ap.map((v, j) => Math.min(SAMPLE_SECTIONS[j].max, v + 0.5))),
      appraisedTotal: sum(ap),
    };
  });
  const rankings = (['A', 'B'] as const).map((sub) => {
    const rows = scores
      .filter((_, i) => members[i].subgroupId === sub)
      .map((s) => ({ memberId: s.memberId, total: s.appraisedTotal as number }))
      .sort((a, b) => b.total - a.total);
    return {
      subgroupId: sub,
      tieBreaks: [],
      rows: rows.map((r) => {
        const first = rows.findIndex((x) => x.total === r.total);
        return {
          memberId: r.memberId,
          rank: first + 1,
          total: r.total,
          tied: rows[first + 1]?.total === r.total,
        };
      }),
    };
  });
  return {
    group: {
      ...SAMPLE_GROUP,
      id: 'large',
      name: 'Khối thi đua thử nghiệm',
      shortName: 'KTN',
      kind: 'BLOCK',
      members,
      subgroups: [
        { id: 'A', name: 'Nhóm A' },
        { id: 'B', name: 'Nhóm B' },
      ],
    },
    scores,
    rankings,
  };
}

/** One sample per document type. */
export const SAMPLES: { [T in DocumentType]: DocumentData[T] } = {
  [DocumentType.CONFERENCE_PLAN]: SAMPLE_CONFERENCE_PLAN,
  [DocumentType.GROUP_REPORT]: SAMPLE_GROUP_REPORT,
  [DocumentType.MINUTES]: SAMPLE_MINUTES,
  [DocumentType.INVITATION]: SAMPLE_INVITATION,
  [DocumentType.PROPOSAL]: SAMPLE_PROPOSAL,
  [DocumentType.RECEIPT]: SAMPLE_RECEIPT,
  [DocumentType.RESULTS_TABLE]: SAMPLE_RESULTS_TABLE,
};
