/**
 * What each document prints: one plain-JSON data interface per document type.
 *
 * Rules for whoever fills these (the documents service's data gatherers):
 * - Plain JSON only (strings, numbers, booleans, null, arrays, objects): the service hashes the
 *   data to key the rendered file. No Date, no undefined-vs-missing games, no functions.
 * - Dates are ISO calendar dates `YYYY-MM-DD` (the template writes "ngày 04 tháng 12 năm 2023");
 *   instants (a receipt's server time) are ISO instants with an offset or `Z` (the template writes
 *   them in Asia/Ho_Chi_Minh).
 * - Names as stored (NFC). Templates upper-case what Decree 30 prints in capitals themselves.
 * - Lists are printed in the order given: members in the registry's (seed) order, rows of a ranking
 *   best first.
 * - Optional prose (`purposes`, `content`…): when absent, the template writes the standard wording
 *   of seed 000 for the group and year. Give it only to override.
 * - Everything is escaped on output: any string may contain `<`, `&`, quotes.
 */

/** Who issues the document (top left of the header). */
export interface Issuer {
  /** Parent body, printed in capitals, not bold (e.g. "Hội đồng Thi đua - Khen thưởng Trung ương"); null: none. */
  parent: string | null;
  /** Issuing body, printed in capitals, bold, a short line under it (e.g. "Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung"). */
  name: string;
}

/** The header facts every document carries. */
export interface DocumentHead {
  issuer: Issuer;
  /** The number before the symbol ("214"); null while unnumbered: prints "Số:      /KH-…". Numbers < 10 get a leading 0. */
  number: string | number | null;
  /** The symbol after the slash, e.g. "KH-CTĐTN&DHMT". */
  symbol: string;
  /** Place in the place-date line, e.g. "Bình Định". */
  place: string;
  /** Date of issue `YYYY-MM-DD`; null: "ngày     tháng     năm 2023" left to fill (year from `draftYear`). */
  date: string | null;
  /** Year printed when `date` is null. */
  draftYear?: number | null;
}

/**
 * The signature block (right). Printed as: authority (bold caps, e.g. "TM. CỤM THI ĐUA" or
 * "KT. CHỦ TỊCH"), position (bold caps, e.g. "CỤM TRƯỞNG"), space for signature and seal, then
 * `signerTitle` (bold caps, e.g. "CHỦ TỊCH UBND TỈNH BÌNH ĐỊNH") and the name (bold). Unknown
 * name: the space stays, the name line is blank.
 */
export interface Signer {
  /** "TM. CỤM THI ĐUA", "KT. CHỦ TỊCH", "TL. …"; null: no authority line. */
  authority: string | null;
  /** "CỤM TRƯỞNG", "PHÓ CHỦ TỊCH"… */
  position: string;
  /** Printed under the signature space, above the name (seed 000: "CHỦ TỊCH UBND TỈNH BÌNH ĐỊNH"). */
  signerTitle?: string | null;
  name: string | null;
}

/** A person named in a document. */
export interface Person {
  name: string | null;
  /** "Phó Chủ tịch UBND tỉnh", "Trưởng Ban Thi đua - Khen thưởng"… */
  position: string | null;
  /** Their unit, as printed ("tỉnh Lâm Đồng"). */
  unit?: string | null;
}

export type GroupKind = 'CLUSTER' | 'BLOCK';

/** A member of the group (a province, department…), in the registry's (seed) order. */
export interface GroupMember {
  id: string;
  /** As printed in text, e.g. "Bình Định" (the template adds "tỉnh"/"UBND tỉnh" only where the wording needs it via `fullName`). */
  name: string;
  /** As printed in prose where the body is meant, e.g. "UBND tỉnh Bình Định"; default: `name`. */
  fullName?: string | null;
  /** The subgroup id it belongs to this year, or null. */
  subgroupId: string | null;
}

export interface Subgroup {
  id: string;
  /** "05 tỉnh Tây Nguyên". */
  name: string;
}

/** The unit leading the group this year (or next year, when nominated). */
export interface LeadUnit {
  unitId: string;
  /** "tỉnh Bình Định" / "UBND tỉnh Bình Định" as printed. */
  name: string;
}

/** A group-year: who is in it, who leads it. */
export interface GroupYear {
  id: string;
  /** "Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung". */
  name: string;
  /** "TN&DHMT" (used in recipients and file names); default: derived from the name. */
  shortName?: string | null;
  kind: GroupKind;
  year: number;
  /** The organising council, as printed ("Hội đồng Thi đua - Khen thưởng Trung ương"). */
  organiser: string;
  members: GroupMember[];
  subgroups: Subgroup[];
  chair: LeadUnit | null;
  viceChair: LeadUnit | null;
}

/** A dated step of the cycle (seed 001's timeline). */
export interface Milestone {
  /** "Gửi báo cáo, bảng tự chấm điểm và tài liệu minh chứng". */
  label: string;
  /** `YYYY-MM-DD`; null: not fixed yet. */
  date: string | null;
  /** Who does it ("Các tỉnh trong Cụm thi đua"). */
  by?: string | null;
  note?: string | null;
}

export interface ParticipantGroup {
  /** "Đại biểu Trung ương". */
  label: string;
  items: string[];
}

export interface ProgrammeItem {
  /** "08h00"; null: no time column. */
  time?: string | null;
  text: string;
  /** Who does it ("Văn phòng UBND tỉnh Thái Bình"). */
  by?: string | null;
}

export type ConferenceKind = 'PREPARATORY' | 'OFFICIAL';

export interface Conference {
  kind: ConferenceKind;
  /** First day `YYYY-MM-DD`, null when not fixed. */
  date: string | null;
  endDate?: string | null;
  /** "08 giờ 00", null when not fixed. */
  startTime?: string | null;
  /** When the date is not fixed: "01 ngày trước khi tiến hành Hội nghị tổng kết", "Trong tháng 02/2024". */
  timeText?: string | null;
  /** "Thành phố Quy Nhơn, tỉnh Bình Định". */
  place: string | null;
  /** Hosting unit ("tỉnh Bình Định"). */
  host?: string | null;
  /** Who chairs, as printed ("UBND tỉnh Bình Định - Cụm trưởng"); absent or empty: no line (the plan's duties say it). */
  chairs?: string[] | null;
  /** Optional overrides (default wording of seed 000 otherwise). */
  participants?: ParticipantGroup[] | null;
  content?: string[] | null;
  programme?: ProgrammeItem[] | null;
}

/** How next year's chair or vice-chair was nominated: by rotation, or elected among candidates. */
export interface Nomination {
  method: 'ROTATION' | 'ELECTION';
  /** Those put forward, as printed, with their votes when there was a vote (null: no count). */
  candidates: { name: string; votes: number | null }[];
}

/** What one unit does (seed 000 part IV). */
export interface Duty {
  /** "Tỉnh Bình Định - Đơn vị Cụm trưởng". */
  heading: string;
  items: string[];
}

/** A section of the scoring scheme (points are summed per section). */
export interface ScoreSection {
  code: string;
  /** "Thi đua thực hiện nhiệm vụ phát triển kinh tế". */
  name: string;
  max: number;
}

/** One member's points per section: self-scored and appraised (null: not scored yet). */
export interface MemberScores {
  memberId: string;
  /** By section code. */
  self: Record<string, number | null>;
  appraised: Record<string, number | null>;
  selfTotal: number | null;
  appraisedTotal: number | null;
  /** Bonus and penalty points included in the totals (appraised), with their reasons. */
  bonus?: number | null;
  penalty?: number | null;
}

/** A row of a ranking (best first). */
export interface RankingRow {
  memberId: string;
  /** 1 = first; members the rules cannot separate share a rank. */
  rank: number;
  total: number;
  /** Part of a tie the rules cannot break. */
  tied: boolean;
  /** In words, what puts it ahead of the next ("tổng điểm cao hơn", "nhiều tiêu chí đạt điểm tối đa hơn"); null: last or tied. */
  aheadOfNextBy?: string | null;
}

/** A ranking of one subgroup (or of the whole group: `subgroupId` null). */
export interface RankingBlock {
  subgroupId: string | null;
  rows: RankingRow[];
  /** The tie-break rules in words, in order ("nhiều tiêu chí đạt điểm tối đa hơn"). */
  tieBreaks: string[];
}

/** An award code of the honour rules (`GOVERNMENT_FLAG`, `PM_CERTIFICATE`, or an award catalogue code). */
export type HonourAward = string;

export interface HonourProposal {
  subgroupId: string | null;
  award: HonourAward;
  memberId: string;
  rank: number;
  total: number;
}

/** An honour the rules could not give (a tie at its place): left to the conference. */
export interface HonourUndecided {
  subgroupId: string | null;
  award: HonourAward;
  candidates: string[];
  /** In words. */
  reason: string;
}

/**
 * Award statistics of the members for a period: counts per award catalogue code, one cell per
 * member in `GroupYear.members` order (null: a lost cell, printed as such, never as 0). The
 * appendix maps codes to the seed's fixed rows (templates/award-forms.ts); codes outside the
 * fixed list are added in a last row of their section.
 */
export interface AwardStatistics {
  /** "năm 2023", "6 tháng đầu năm 2023". */
  periodLabel: string;
  rows: { code: string; cells: (number | null)[] }[];
}

// ---------------------------------------------------------------------------------------------
// One data interface per document type
// ---------------------------------------------------------------------------------------------

interface Common {
  head: DocumentHead;
  /** "Nơi nhận" lines without the leading "- " and trailing ";" ; the last one should be "Lưu: VT, K2". Empty: no block. */
  recipients: string[];
  signer: Signer;
}

/** 1. Kế hoạch tổ chức Hội nghị tổng kết (seed 000). */
export interface ConferencePlanData extends Common {
  group: GroupYear;
  /** Summary under "KẾ HOẠCH"; default "Tổ chức Hội nghị tổng kết thực hiện giao ước thi đua năm {year} của {group}". */
  summary?: string | null;
  /** The legal bases, printed italic, one per line (";" / "." added). */
  bases: string[];
  /** The sentence introducing the plan; default seed 000's wording. */
  preamble?: string | null;
  purposes?: string[] | null;
  requirements?: string[] | null;
  preparatory: Conference;
  official: Conference;
  /** Default: "Kinh phí tổ chức, tham dự Hội nghị thực hiện theo quy định hiện hành của Nhà nước." */
  funding?: string | null;
  /** Default: chair, vice-chair and members duties of seed 000 with the milestones' dates. */
  duties?: Duty[] | null;
  /** Dated steps quoted in the duties (self-score deadline, dossier deadline…). */
  milestones: Milestone[];
  /** Where members send their self-scores and evidence (seed 000: the chair's board address). */
  submitTo?: string | null;
  /** Days after the official conference the achievement dossiers are due (seed 000: 7). */
  dossierDays?: number | null;
  /** Honours per subgroup in words; default from the subgroups (1 flag + 1 PM certificate each). */
  honoursRule?: string | null;
}

/** 2. Báo cáo tổng kết (seed 000 outline, seed 002 structure) with the awards appendix. */
export interface GroupReportData extends Common {
  group: GroupYear;
  /** 'YEAR' (tổng kết năm) or 'H1' (sơ kết 6 tháng). */
  period: 'YEAR' | 'H1';
  summary?: string | null;
  /** The addressee of "kính báo cáo" (default the organiser). */
  reportTo?: string | null;
  /** Narrative paragraphs per outline key (see templates/group-report.ts OUTLINE); absent keys print what the platform knows or a blank to fill. */
  narrative?: Record<string, string[]> | null;
  sections: ScoreSection[];
  scores: MemberScores[];
  rankings: RankingBlock[];
  honours: HonourProposal[];
  undecided: HonourUndecided[];
  awards: AwardStatistics;
}

/** 3. Biên bản Hội nghị trù bị (after the lock). */
export interface MinutesData {
  head: DocumentHead;
  group: GroupYear;
  conference: Conference;
  /** Who presided and who took the minutes. */
  chairPerson: Person;
  secretary: Person;
  /** Attendees by unit (central board, each member's delegates). */
  attendees: { unit: string; people: Person[] }[];
  /** Members absent (ids), if any. */
  absentMemberIds?: string[];
  sections: ScoreSection[];
  scores: MemberScores[];
  rankings: RankingBlock[];
  honours: HonourProposal[];
  undecided: HonourUndecided[];
  /** Nominated for next year. */
  nextChair: LeadUnit | null;
  nextViceChair: LeadUnit | null;
  /** How each was nominated (recorded at the preparatory conference); absent: the names only. */
  nominations?: { chair: Nomination | null; viceChair: Nomination | null } | null;
  /** "11 giờ 30". */
  endTime?: string | null;
  /** Other conclusions, one paragraph each. */
  conclusions?: string[] | null;
  /** When the results were locked (ISO instant). */
  lockedAt: string | null;
}

/** 4. Giấy mời (to one member's leadership). */
export interface InvitationData extends Common {
  group: GroupYear;
  conference: Conference;
  /** "Lãnh đạo UBND tỉnh Đắk Lắk" — printed after "Kính gửi:". */
  addressee: string;
  /** Who should come ("Đại diện lãnh đạo UBND tỉnh", …); default by conference kind (seed 000). */
  attendeesRequested?: string[] | null;
  /** "Đồng chí … , điện thoại …" for confirmation. */
  contact?: string | null;
  /** Reply by `YYYY-MM-DD`. */
  replyBy?: string | null;
}

/** 5. Tờ trình (chair → central council: Government flag and PM certificate). */
export interface ProposalData extends Common {
  group: GroupYear;
  /** "Hội đồng Thi đua - Khen thưởng Trung ương" (after "Kính gửi:"). */
  addressee: string;
  bases: string[];
  sections: ScoreSection[];
  scores: MemberScores[];
  rankings: RankingBlock[];
  honours: HonourProposal[];
  undecided: HonourUndecided[];
  /** The minutes it relies on (number/symbol, date). */
  minutes?: { number: string; date: string | null } | null;
  /** "Hồ sơ kèm theo" lines. */
  attachments?: string[] | null;
}

/** 6. Phiếu tiếp nhận hồ sơ (one submission version). */
export interface ReceiptData {
  head: DocumentHead;
  /** "PTN-2024-000123". */
  receiptNumber: string;
  /** Server time of receipt (ISO instant); printed in Asia/Ho_Chi_Minh. */
  receivedAt: string;
  unit: { id: string; name: string };
  campaign: { id: string; name: string; groupName: string; year: number };
  /** Submission kind code and its words ("Báo cáo tổng kết năm"). */
  kind: { code: string; label: string };
  version: number;
  /** Submitted after the deadline (accepted because the campaign allows it). */
  late: boolean;
  submittedBy?: string | null;
  files: { name: string; size: number; sha256: string; contentType?: string | null }[];
  /** Code anyone can check at `verifyUrl`. */
  verificationCode: string;
  verifyUrl: string;
  /** Signer of the receiving unit (often the platform's automatic receipt: name null). */
  signer: Signer;
}

/** 7. Bảng tổng hợp kết quả chấm điểm (per subgroup, per section, self vs appraised). */
export interface ResultsTableData extends Common {
  group: GroupYear;
  summary?: string | null;
  sections: ScoreSection[];
  scores: MemberScores[];
  rankings: RankingBlock[];
  /** Results locked (agreed at the preparatory conference); false prints "Kết quả tạm thời". */
  locked: boolean;
  /** When the figures were read (ISO instant). */
  asOf: string;
}
