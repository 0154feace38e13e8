import {
  ChosenBy,
  ConferenceKind,
  DutyHolder,
  GroupKind,
  LatePolicy,
  LeadershipRole,
  OrganiserKind,
  Role,
  SubmissionKind,
} from '@tdkt/contracts';

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
  /** The year-end conferences as the plan describes them, undated until the invitation (issue 15). */
  conferences?: DemoConference[];
}

/** A conference of a demo campaign; units by name (members on 2023-06-30). */
export interface DemoConference {
  kind: ConferenceKind;
  place: string;
  host: string;
  chairs: [string, LeadershipRole][];
  programme: { title: string; presenter?: string }[];
  invitees: { title: string; role: string }[];
  duties: { unit?: string; holder?: DutyHolder; text: string; dueOn?: string; offsetDays?: number }[];
}

const QUY_NHON = 'Thành phố Quy Nhơn, tỉnh Bình Định';
const CO_CHAIRS: [string, LeadershipRole][] = [
  ['Bình Định', LeadershipRole.CHAIR],
  ['Lâm Đồng', LeadershipRole.VICE_CHAIR],
];
const CENTRAL = 'Đại biểu Trung ương';
const PROVINCES = 'Đại biểu các tỉnh trong Cụm thi đua';

/**
 * Seed 000 §II–IV (Plan 214/KH-CTĐTN&DHMT): the preparatory conference ("01 ngày trước khi tiến
 * hành Hội nghị tổng kết") and the official one ("trong tháng 02/2024"), both in Quy Nhơn and
 * undated ("sẽ có Giấy mời cụ thể sau"); the chair and the vice-chair co-chair both. The plan's
 * duties (§IV) are kept with the official conference, whose plan it is.
 */
const TN_DHMT_2023_CONFERENCES: DemoConference[] = [
  {
    kind: ConferenceKind.PREPARATORY,
    place: QUY_NHON,
    host: 'Bình Định',
    chairs: CO_CHAIRS,
    programme: [
      { title: 'Tuyên bố lý do, giới thiệu đại biểu và chủ trì Hội nghị' },
      {
        title:
          'Báo cáo tóm tắt dự thảo Báo cáo tổng kết thực hiện giao ước thi đua năm 2023 và phương hướng nhiệm vụ năm 2024',
        presenter: 'Bình Định',
      },
      { title: 'Thảo luận' },
      {
        title:
          'Thống nhất chấm điểm thi đua năm 2023 của các tỉnh trong Cụm thi đua; đánh giá, bình xét, suy tôn các tỉnh xuất sắc, dẫn đầu của Cụm thi đua',
      },
      {
        title:
          'Tổng hợp kết quả, báo cáo Thường trực Hội đồng Thi đua - Khen thưởng Trung ương, Ban Thi đua - Khen thưởng Trung ương trước khi diễn ra Hội nghị chính thức',
      },
      { title: 'Ý kiến của Lãnh đạo Ban Thi đua - Khen thưởng Trung ương' },
      { title: 'Tham gia góp ý dự thảo giao ước thi đua năm 2024', presenter: 'Lâm Đồng' },
      { title: 'Đề cử đơn vị Cụm trưởng, Cụm phó năm 2024' },
      { title: 'Thống nhất Chương trình Hội nghị chính thức; phân công chủ trì, thư ký Hội nghị' },
      { title: 'Kết luận, bế mạc Hội nghị' },
    ],
    invitees: [
      {
        title: 'Lãnh đạo Ban, lãnh đạo Phòng và công chức liên quan của Ban Thi đua - Khen thưởng Trung ương',
        role: CENTRAL,
      },
      {
        title: 'Lãnh đạo, công chức Văn phòng UBND các tỉnh phân công theo dõi công tác thi đua, khen thưởng',
        role: PROVINCES,
      },
      {
        title:
          'Lãnh đạo Sở Nội vụ, Ban (Phòng) Thi đua - Khen thưởng thuộc Sở Nội vụ các tỉnh trong Cụm thi đua',
        role: PROVINCES,
      },
    ],
    duties: [],
  },
  {
    kind: ConferenceKind.OFFICIAL,
    place: QUY_NHON,
    host: 'Bình Định',
    chairs: CO_CHAIRS,
    programme: [
      { title: 'Đón tiếp đại biểu' },
      { title: 'Văn nghệ chào mừng' },
      { title: 'Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình làm việc' },
      { title: 'Phát biểu khai mạc' },
      { title: 'Phát biểu chào mừng của Thường trực Tỉnh ủy Bình Định', presenter: 'Bình Định' },
      {
        title: 'Báo cáo tình hình thực hiện giao ước thi đua năm 2023 và phương hướng nhiệm vụ năm 2024',
        presenter: 'Bình Định',
      },
      {
        title:
          'Thông báo kết quả đánh giá, chấm điểm, xếp loại thi đua năm 2023 của các đơn vị thành viên; bình chọn, suy tôn đề nghị khen thưởng cho các đơn vị dẫn đầu Cụm thi đua',
      },
      { title: 'Hội nghị thảo luận' },
      { title: 'Phát biểu ý kiến chỉ đạo của Hội đồng Thi đua - Khen thưởng Trung ương' },
      { title: 'Giới thiệu Cụm trưởng, Cụm phó năm 2024' },
      { title: 'Phát biểu nhận nhiệm vụ của Cụm trưởng và phát động thi đua năm 2024' },
      { title: 'Ký kết giao ước thi đua năm 2024', presenter: 'Lâm Đồng' },
      { title: 'Bế mạc Hội nghị' },
    ],
    invitees: [
      {
        title: 'Thường trực, Ủy viên Hội đồng Thi đua - Khen thưởng Trung ương phụ trách Cụm thi đua',
        role: CENTRAL,
      },
      {
        title:
          'Lãnh đạo Ban và đại diện các phòng, đơn vị liên quan của Ban Thi đua - Khen thưởng Trung ương',
        role: CENTRAL,
      },
      { title: 'Đại diện lãnh đạo UBND các tỉnh trong Cụm thi đua', role: PROVINCES },
      {
        title: 'Đại diện Lãnh đạo Sở Nội vụ, Lãnh đạo Văn phòng UBND các tỉnh trong Cụm thi đua',
        role: PROVINCES,
      },
      {
        title:
          'Lãnh đạo và chuyên viên của Ban (Phòng) Thi đua - Khen thưởng và công chức Văn phòng UBND các tỉnh phân công theo dõi công tác thi đua, khen thưởng trong Cụm thi đua',
        role: PROVINCES,
      },
    ],
    duties: [
      {
        unit: 'Bình Định',
        text: 'Tổng hợp, dự thảo báo cáo tổng kết thực hiện giao ước thi đua năm 2023 và phương hướng, nhiệm vụ năm 2024 của Cụm thi đua',
      },
      {
        unit: 'Bình Định',
        text: 'Rà soát, tổng hợp kết quả chấm điểm các nội dung, tiêu chí thi đua năm 2023 của các tỉnh trong Cụm thi đua',
      },
      {
        unit: 'Bình Định',
        text: 'Liên hệ với Ban Thi đua - Khen thưởng Trung ương để thống nhất thời gian cụ thể tổ chức Hội nghị trù bị và Hội nghị chính thức',
      },
      {
        unit: 'Bình Định',
        text: 'Chịu trách nhiệm kinh phí, chuẩn bị cơ sở vật chất, nội dung cần thiết để tổ chức Hội nghị; xây dựng Kế hoạch đón tiếp đại biểu',
      },
      {
        unit: 'Bình Định',
        text: 'Hoàn thiện hồ sơ đề nghị Thủ tướng Chính phủ khen thưởng cho các tỉnh trong Cụm thi đua được suy tôn, dẫn đầu năm 2023',
      },
      {
        unit: 'Lâm Đồng',
        text: 'Xây dựng dự thảo nội dung giao ước thi đua năm 2024, gửi lấy ý kiến các đơn vị trong Cụm',
      },
      {
        unit: 'Lâm Đồng',
        text: 'Phối hợp với tỉnh Bình Định (đơn vị Cụm trưởng) chuẩn bị nội dung tổ chức Hội nghị, bình chọn, xếp loại các tỉnh trong Cụm thi đua',
      },
      { unit: 'Lâm Đồng', text: 'Chủ trì thực hiện nội dung ký kết giao ước thi đua năm 2024' },
      // "trước ngày 05/02/2024": the last day to send is 04/02/2024 (as the self-score milestone).
      {
        holder: DutyHolder.MEMBERS,
        text: 'Xây dựng Báo cáo kết quả thực hiện giao ước thi đua năm 2023 và phương hướng, nhiệm vụ năm 2024 của đơn vị mình (theo đề cương); tự chấm điểm các nội dung, tiêu chí đã đăng ký thi đua năm 2023 kèm tài liệu minh chứng, gửi về đơn vị Cụm trưởng',
        dueOn: '2024-02-04',
      },
      { holder: DutyHolder.MEMBERS, text: 'Cử đại biểu tham dự theo đúng thành phần Hội nghị' },
      {
        holder: DutyHolder.MEMBERS,
        text: 'Các tỉnh được suy tôn, chọn để đề nghị khen thưởng lập báo cáo thành tích gửi về đơn vị Cụm trưởng sau Hội nghị tổng kết 07 ngày',
        offsetDays: 7,
      },
    ],
  },
];

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
        conferences: TN_DHMT_2023_CONFERENCES,
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
