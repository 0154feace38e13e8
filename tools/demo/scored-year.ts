/**
 * The demo's scored year: TN&DHMT 2023 (seed 000's group-year, Bình Định chairing) with a points
 * table, every member's self-scores, the outside bodies' scores, the lock and the honours
 * proposed — so that every document of the cycle (plan, report, results table, minutes, proposal,
 * invitations) renders from `npm start`'s data. Entered through the gateway as people would; the
 * documents suites share the same table and scores (test/support/documents.ts).
 */
export const ATGT = 'Ủy ban An toàn giao thông Quốc gia';
export const BAN = 'Ban Thi đua - Khen thưởng Trung ương';

const criterion = (
  code: string,
  title: string,
  max: number,
  scoredBy: { kind: 'MEMBER' } | { kind: 'OUTSIDE_BODY'; body: string },
) => ({ type: 'CRITERION', code, title, max, method: { kind: 'MANUAL' }, scoredBy, evidenceRequired: false });

export const SCHEME = {
  sections: [
    {
      type: 'SECTION',
      code: 'kinh-te',
      title: 'Phát triển kinh tế',
      children: [criterion('thu-ngan-sach', 'Thu ngân sách', 40, { kind: 'MEMBER' })],
    },
    {
      type: 'SECTION',
      code: 'xa-hoi',
      title: 'Văn hóa – xã hội',
      children: [
        criterion('giam-ngheo', 'Giảm nghèo', 30, { kind: 'MEMBER' }),
        criterion('atgt', 'An toàn giao thông', 10, { kind: 'OUTSIDE_BODY', body: ATGT }),
      ],
    },
    {
      type: 'SECTION',
      code: 'thi-dua',
      title: 'Công tác thi đua, khen thưởng',
      children: [criterion('cong-tac-tdkt', 'Công tác TĐKT', 20, { kind: 'OUTSIDE_BODY', body: BAN })],
    },
  ],
};

/** [thu ngân sách, giảm nghèo, ATGT, công tác TĐKT] per member (by the registry's 2023 names). */
export const SCORES: Record<string, [number, number, number, number]> = {
  'Đắk Lắk': [38, 25, 10, 15],
  'Gia Lai': [36, 27, 10, 15],
  'Lâm Đồng': [30, 26, 9, 17],
  'Kon Tum': [28, 24, 8, 14],
  'Đắk Nông': [25, 22, 7, 12],
  'Bình Định': [40, 30, 10, 18],
  'Khánh Hòa': [39, 28, 9, 16],
  'Phú Yên': [30, 24, 8, 12],
  'Quảng Nam': [31, 23, 8, 12],
  'Quảng Ngãi': [29, 23, 7, 11],
};

export const TN_2023 = '/api/v1/groups/cum-tn-dhmt/years/2023';

/** One call to the gateway: its status and parsed body. */
export type Call = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A set-up step that must succeed (its answer otherwise in the error). */
export async function must<A extends { status: number; body: unknown }>(
  what: string,
  r: Promise<A>,
): Promise<A> {
  const a = await r;
  if (a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
  return a;
}

/**
 * The points table (the covenant) signed by every member's officer and published by the chair, and
 * every score entered (members their own, the board the outside bodies').
 */
export async function scoreYear(
  call: Call,
  tokens: { chair: string; board: string; officer: (unitName: string) => string },
  unit: ReadonlyMap<string, string>,
): Promise<void> {
  await must('scheme', call('PUT', `${TN_2023}/scheme`, tokens.chair, { scheme: SCHEME }));
  for (const name of Object.keys(SCORES))
    await must(
      `signature ${name}`,
      call('POST', `${TN_2023}/scheme/signatures`, tokens.officer(name), { unitId: unit.get(name) }),
    );
  await must('publish', call('POST', `${TN_2023}/scheme/publish`, tokens.chair));
  for (const [name, [thu, ngheo, atgt, tdkt]] of Object.entries(SCORES)) {
    const member = `${TN_2023}/scores/${unit.get(name)}`;
    await must(
      name,
      call('PUT', member, tokens.officer(name), {
        entries: [
          { criterion: 'thu-ngan-sach', value: thu },
          { criterion: 'giam-ngheo', value: ngheo },
        ],
      }),
    );
    await must(
      name,
      call('PUT', member, tokens.board, {
        entries: [
          { criterion: 'atgt', value: atgt },
          { criterion: 'cong-tac-tdkt', value: tdkt },
        ],
      }),
    );
  }
}

/**
 * `npm start`: the scored, locked year with its honours proposed, once (a year already locked is
 * left as it is, so a restart on the same database changes nothing).
 */
export async function loadDemoYear(
  call: Call,
  tokens: { chair: string; board: string; officer: (unitId: string) => string },
): Promise<'loaded' | 'already there'> {
  const state = await call('GET', `${TN_2023}/scoring`, tokens.board);
  if (state.status === 200 && state.body.locked) return 'already there';
  const members = await call('GET', '/api/v1/groups/cum-tn-dhmt/members?year=2023', tokens.board);
  if (members.status !== 200) throw new Error(`members: ${members.status} ${JSON.stringify(members.body)}`);
  const unit = new Map<string, string>(
    // The page of memberships (`items`; `members` before lists took the one page shape).
    (members.body.items ?? members.body.members).map((m: { unit: { name: string; id: string } }) => [
      m.unit.name,
      m.unit.id,
    ]),
  );
  await scoreYear(call, { ...tokens, officer: (name) => tokens.officer(unit.get(name) as string) }, unit);
  await must('lock', call('POST', `${TN_2023}/scoring/lock`, tokens.chair));
  await must('honours', call('POST', `${TN_2023}/honours/propose`, tokens.chair));
  return 'loaded';
}

/** The demo block whose members have logins (sct-hatinh chairs it in 2026, stc-hatinh is a member). */
const BLOCK_2026 = '/api/v1/groups/khoi-kinh-te-ha-tinh/years/2026/campaign';

/**
 * `npm start`: the 2026 block's annual reports due a few days ahead (the seed's date, 29/11, once
 * it has passed: the board extends it), so that a demo member can submit and get its receipt by
 * e-mail, and the deadline reminders go out to the members that have not submitted. Answers the
 * deadline (YYYY-MM-DD).
 */
export async function openDemoDeadline(
  call: Call,
  board: string,
  today: string,
  dueOn: string,
): Promise<string> {
  const campaign = await call('GET', BLOCK_2026, board);
  if (campaign.status !== 200)
    throw new Error(`campaign: ${campaign.status} ${JSON.stringify(campaign.body)}`);
  const m = (
    campaign.body.milestones as {
      code: string;
      title: string;
      dueOn: string | null;
      submissionKinds: string[];
    }[]
  ).find((x) => x.code === 'annual-report-due');
  if (!m) throw new Error('the demo campaign has no annual-report-due milestone');
  if (m.dueOn !== null && m.dueOn >= today) return m.dueOn;
  await must(
    'deadline',
    call('POST', `${BLOCK_2026}/milestones`, board, {
      code: m.code,
      title: m.title,
      dueOn,
      submissionKinds: m.submissionKinds,
    }),
  );
  return dueOn;
}
