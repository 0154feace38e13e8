import { ChosenBy, GroupKind, LatePolicy, OrganiserKind, Role, SubmissionKind } from '@tdkt/contracts';

/**
 * The demo registry, taken from the seed documents in ../shared/seeds. Where a seed is silent the
 * choice is written next to the data. Names are the provinces' names as the fixture spells them.
 */

export interface DemoGroup {
  code: string;
  name: string;
  kind: GroupKind;
  organiserKind: OrganiserKind;
  organiserUnit?: string;
  subgroups?: { code: string; name: string; members: string[] }[];
  members?: string[];
  membershipFrom: string;
  membershipTo: string | null;
  leadership: { year: number; chair: string; vice?: string; chosenBy: ChosenBy }[];
  campaigns: DemoCampaign[];
}

export interface DemoCampaign {
  year: number;
  title: string;
  latePolicy: LatePolicy;
  milestones: {
    code: string;
    title: string;
    startsOn?: string;
    dueOn?: string;
    anchorCode?: string;
    offsetDays?: number;
    /** Kinds of submission due at this milestone. */
    submissionKinds?: SubmissionKind[];
  }[];
}

const REPORTS = [SubmissionKind.ANNUAL_REPORT, SubmissionKind.SELF_SCORE, SubmissionKind.EVIDENCE];

/**
 * Seed 001's yearly timeline of a province's emulation blocks (written for 2023). The demo also
 * has it for 2026 (illustrative) so that submissions can be tried against open deadlines.
 */
function blockTimeline(year: number): DemoCampaign {
  const y = String(year);
  return {
    year,
    title: `Hoạt động của các Khối thi đua năm ${y}`,
    latePolicy: LatePolicy.ACCEPT_LATE,
    milestones: [
      {
        code: 'covenant-signed',
        title: 'Ký kết giao ước thi đua giữa các đơn vị trong Khối',
        startsOn: `${y}-01-01`,
        dueOn: `${y}-01-31`,
      },
      {
        code: 'scheme-published',
        title: 'Gửi kế hoạch hoạt động, tiêu chí thi đua, thang bảng điểm của Khối về Ban TĐKT',
        startsOn: `${y}-02-01`,
        dueOn: `${y}-02-28`,
      },
      {
        code: 'h1-report-due',
        submissionKinds: [SubmissionKind.SIX_MONTH_REPORT],
        title: `Gửi báo cáo sơ kết 6 tháng đầu năm ${y}`,
        startsOn: `${y}-06-01`,
        dueOn: `${y}-06-30`,
      },
      {
        code: 'inspection',
        title: 'Ban TĐKT kiểm tra việc thực hiện giao ước thi đua',
        startsOn: `${y}-07-01`,
        dueOn: `${y}-07-31`,
      },
      // "Trước 30/11/${y}": before the 30th, so the last day is the 29th.
      {
        code: 'annual-report-due',
        submissionKinds: REPORTS,
        title: `Gửi báo cáo tổng kết phong trào thi đua về Trưởng khối (trước 30/11/${y})`,
        dueOn: `${y}-11-29`,
      },
      {
        code: 'block-results-due',
        title: `Gửi báo cáo tổng kết Khối và kết quả chấm điểm về Ban TĐKT (trước ngày 07/12/${y})`,
        dueOn: `${y}-12-06`,
      },
      {
        code: 'appraisal',
        title: 'Thẩm định các đơn vị xếp thứ nhất, nhì, ba của Khối',
        startsOn: `${y}-12-07`,
        dueOn: `${y}-12-14`,
      },
      {
        code: 'council-decision',
        title: 'Hội đồng TĐKT tỉnh xét xếp loại, đề nghị tặng Cờ thi đua',
        startsOn: `${y}-12-15`,
        dueOn: `${y}-12-22`,
      },
    ],
  };
}

export const DEMO_GROUPS: DemoGroup[] = [
  {
    // Seed 000 (Plan 214/KH-CTĐTN&DHMT of 04/12/2023).
    code: 'cum-tn-dhmt',
    name: 'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung',
    kind: GroupKind.CLUSTER,
    organiserKind: OrganiserKind.CENTRAL_COUNCIL,
    subgroups: [
      {
        code: 'tay-nguyen',
        name: '05 tỉnh Tây Nguyên',
        members: ['Đắk Lắk', 'Gia Lai', 'Đắk Nông', 'Lâm Đồng', 'Kon Tum'],
      },
      {
        code: 'duyen-hai',
        name: '05 tỉnh Duyên hải miền Trung',
        members: ['Phú Yên', 'Bình Định', 'Khánh Hòa', 'Quảng Nam', 'Quảng Ngãi'],
      },
    ],
    // The seeds show the 2023 membership; it ends with the provinces themselves on 2025-06-30.
    membershipFrom: '2023-01-01',
    membershipTo: '2025-06-30',
    leadership: [{ year: 2023, chair: 'Bình Định', vice: 'Lâm Đồng', chosenBy: ChosenBy.ELECTION }],
    campaigns: [
      {
        year: 2023,
        title: 'Giao ước thi đua năm 2023 – Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung',
        latePolicy: LatePolicy.REFUSE,
        milestones: [
          {
            code: 'review-plan-issued',
            title: 'Ban hành Kế hoạch tổ chức Hội nghị tổng kết (Số 214/KH-CTĐTN&DHMT)',
            startsOn: '2023-12-04',
          },
          // "trước ngày 05/02/2024": the last day to send is 04/02/2024.
          {
            code: 'self-score-due',
            submissionKinds: REPORTS,
            title:
              'Gửi báo cáo, bảng tự chấm điểm và tài liệu minh chứng về đơn vị Cụm trưởng (trước ngày 05/02/2024)',
            dueOn: '2024-02-04',
          },
          // The official conference is "trong tháng 02/2024"; its day comes with the invitation.
          {
            code: 'official-conference',
            title: 'Hội nghị tổng kết giao ước thi đua năm 2023 (trong tháng 02/2024, tại Quy Nhơn)',
          },
          {
            code: 'preparatory-conference',
            title: 'Hội nghị trù bị (01 ngày trước Hội nghị tổng kết)',
            anchorCode: 'official-conference',
            offsetDays: -1,
          },
          {
            code: 'achievement-dossier-due',
            submissionKinds: [SubmissionKind.ACHIEVEMENT_REPORT],
            title:
              'Các tỉnh được suy tôn gửi báo cáo thành tích về đơn vị Cụm trưởng (07 ngày sau Hội nghị tổng kết)',
            anchorCode: 'official-conference',
            offsetDays: 7,
          },
        ],
      },
    ],
  },
  {
    // Seed 003 (Thái Bình's plan for the 2023 review). The seed names nine member provinces: the
    // tenth is not in our documents, so it is not invented here.
    code: 'cum-dbsh',
    name: 'Cụm thi đua các tỉnh Đồng bằng Sông Hồng',
    kind: GroupKind.CLUSTER,
    organiserKind: OrganiserKind.CENTRAL_COUNCIL,
    members: [
      'Thái Bình',
      'Nam Định',
      'Hà Nam',
      'Ninh Bình',
      'Bắc Ninh',
      'Quảng Ninh',
      'Hưng Yên',
      'Hải Dương',
      'Vĩnh Phúc',
    ],
    membershipFrom: '2023-01-01',
    membershipTo: '2025-06-30',
    // Chair assigned by the central council's notice 13/HĐTĐKT-P.I (10/5/2023).
    leadership: [{ year: 2023, chair: 'Thái Bình', chosenBy: ChosenBy.APPOINTMENT }],
    campaigns: [],
  },
  {
    // Seed 004 (Tây Ninh's plan for the 2019 review); the seeds show the 2019 membership only.
    code: 'cum-mien-dong-nam-bo',
    name: 'Cụm thi đua các tỉnh Miền Đông Nam Bộ',
    kind: GroupKind.CLUSTER,
    organiserKind: OrganiserKind.CENTRAL_COUNCIL,
    members: [
      'Tây Ninh',
      'Ninh Thuận',
      'Bà Rịa - Vũng Tàu',
      'Bình Dương',
      'Bình Phước',
      'Bình Thuận',
      'Đồng Nai',
    ],
    membershipFrom: '2019-01-01',
    membershipTo: '2019-12-31',
    leadership: [{ year: 2019, chair: 'Tây Ninh', vice: 'Ninh Thuận', chosenBy: ChosenBy.ELECTION }],
    campaigns: [
      {
        year: 2019,
        title: 'Giao ước thi đua năm 2019 – Cụm Thi đua các tỉnh Miền Đông Nam Bộ',
        latePolicy: LatePolicy.REFUSE,
        milestones: [
          {
            code: 'review-plan-issued',
            title: 'Ban hành Kế hoạch tổ chức Hội nghị tổng kết năm 2019',
            startsOn: '2019-12-20',
          },
          {
            code: 'self-score-due',
            submissionKinds: REPORTS,
            title:
              'Gửi báo cáo, bảng phụ lục tự chấm điểm và tài liệu kiểm chứng về Cụm trưởng (trước ngày 15/02/2020)',
            dueOn: '2020-02-14',
          },
          {
            code: 'review-conference',
            title: 'Hội nghị tổng kết (02 ngày, tháng 3 năm 2020, tại Tây Ninh)',
            startsOn: '2020-03-01',
            dueOn: '2020-03-31',
          },
        ],
      },
    ],
  },
];

/**
 * Seed 001 is one province's plan for its internal blocks, but the document does not name the
 * province (it reports to the North-Central cluster). The demo places the block set in Hà Tĩnh,
 * with illustrative departments as members; the timeline is the seed's.
 */
export const DEMO_BLOCK_PROVINCE = 'Hà Tĩnh';
export const DEMO_BLOCKS: DemoGroup[] = [
  {
    code: 'khoi-kinh-te-ha-tinh',
    name: 'Khối thi đua các cơ quan kinh tế tỉnh Hà Tĩnh (minh họa)',
    kind: GroupKind.BLOCK,
    organiserKind: OrganiserKind.PROVINCIAL_COUNCIL,
    organiserUnit: DEMO_BLOCK_PROVINCE,
    members: [
      'Sở Tài chính',
      'Sở Kế hoạch và Đầu tư',
      'Sở Công Thương',
      'Sở Xây dựng',
      'Sở Giao thông vận tải',
    ],
    membershipFrom: '2023-01-01',
    membershipTo: null,
    leadership: [
      { year: 2023, chair: 'Sở Tài chính', vice: 'Sở Công Thương', chosenBy: ChosenBy.ELECTION },
      // 2026 (illustrative): the chair rotates.
      { year: 2026, chair: 'Sở Công Thương', vice: 'Sở Xây dựng', chosenBy: ChosenBy.ROTATION },
    ],
    campaigns: [blockTimeline(2023), blockTimeline(2026)],
  },
  {
    code: 'khoi-van-hoa-xa-hoi-ha-tinh',
    name: 'Khối thi đua các cơ quan văn hóa – xã hội tỉnh Hà Tĩnh (minh họa)',
    kind: GroupKind.BLOCK,
    organiserKind: OrganiserKind.PROVINCIAL_COUNCIL,
    organiserUnit: DEMO_BLOCK_PROVINCE,
    members: [
      'Sở Giáo dục và Đào tạo',
      'Sở Y tế',
      'Sở Văn hóa, Thể thao và Du lịch',
      'Sở Lao động - Thương binh và Xã hội',
      'Sở Khoa học và Công nghệ',
    ],
    membershipFrom: '2023-01-01',
    membershipTo: null,
    leadership: [
      { year: 2023, chair: 'Sở Y tế', vice: 'Sở Giáo dục và Đào tạo', chosenBy: ChosenBy.ROTATION },
    ],
    campaigns: [blockTimeline(2023), blockTimeline(2026)],
  },
];

/** Demo logins: one per role. Unit officers of a chairing unit act as chair in that year. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: Role;
  unit?: string;
  group?: string;
}[] = [
  { username: 'board', displayName: 'Cán bộ Ban Thi đua - Khen thưởng Trung ương', role: Role.BOARD },
  {
    username: 'council',
    displayName: 'Ủy viên Hội đồng TĐKT Trung ương phụ trách Cụm TN&DHMT',
    role: Role.COUNCIL_MEMBER,
    group: 'cum-tn-dhmt',
  },
  { username: 'viewer', displayName: 'Người xem', role: Role.VIEWER },
  {
    username: 'binhdinh',
    displayName: 'Cán bộ TĐKT tỉnh Bình Định (Cụm trưởng 2023)',
    role: Role.UNIT_OFFICER,
    unit: 'Bình Định',
  },
  {
    username: 'lamdong',
    displayName: 'Cán bộ TĐKT tỉnh Lâm Đồng (Cụm phó 2023)',
    role: Role.UNIT_OFFICER,
    unit: 'Lâm Đồng',
  },
  { username: 'kontum', displayName: 'Cán bộ TĐKT tỉnh Kon Tum', role: Role.UNIT_OFFICER, unit: 'Kon Tum' },
  {
    username: 'thaibinh',
    displayName: 'Cán bộ TĐKT tỉnh Thái Bình (Cụm trưởng 2023)',
    role: Role.UNIT_OFFICER,
    unit: 'Thái Bình',
  },
  {
    username: 'tayninh',
    displayName: 'Cán bộ TĐKT tỉnh Tây Ninh (Cụm trưởng 2019)',
    role: Role.UNIT_OFFICER,
    unit: 'Tây Ninh',
  },
  // The illustrative Hà Tĩnh economic block, whose 2026 annual reports are due 29/11/2026.
  {
    username: 'sct-hatinh',
    displayName: 'Cán bộ Sở Công Thương Hà Tĩnh (Trưởng khối kinh tế 2026, minh họa)',
    role: Role.UNIT_OFFICER,
    unit: 'Sở Công Thương',
  },
  {
    username: 'stc-hatinh',
    displayName: 'Cán bộ Sở Tài chính Hà Tĩnh (thành viên khối kinh tế, minh họa)',
    role: Role.UNIT_OFFICER,
    unit: 'Sở Tài chính',
  },
];
