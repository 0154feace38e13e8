import fc from 'fast-check';
import { proposeHonours, SEED_000_HONOURS } from './honours';
import { rank, TieBreak } from './ranking';
import { criteriaOf, maximumTotal, normaliseScheme, Scheme, SCHEME_LIMITS, schemeProblems } from './scheme';
import { rowsToScheme, schemeToRows, selfScoreEntries, selfScoreRows } from './scheme-table';
import { computeTotals, Entry, entryProblems } from './scores';

const SCHEME: Scheme = {
  sections: [
    {
      type: 'SECTION',
      code: 'kinh-te',
      title: 'Kinh tế',
      children: [
        {
          type: 'CRITERION',
          code: 'grdp',
          title: 'Tăng trưởng GRDP',
          max: 10,
          method: { kind: 'TARGET', target: 8, floor: 2 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: true,
        },
        {
          type: 'CRITERION',
          code: 'thu-ngan-sach',
          title: 'Thu ngân sách',
          max: 10,
          method: { kind: 'RANK', step: 2 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
      ],
    },
    {
      type: 'SECTION',
      code: 'xa-hoi',
      title: 'Văn hóa – xã hội',
      children: [
        {
          type: 'SECTION',
          code: 'xa-hoi.giao-duc',
          title: 'Giáo dục',
          children: [
            {
              type: 'CRITERION',
              code: 'truong-chuan',
              title: 'Trường đạt chuẩn',
              max: 5,
              method: { kind: 'MANUAL' },
              scoredBy: { kind: 'MEMBER' },
              evidenceRequired: false,
            },
          ],
        },
        {
          type: 'CRITERION',
          code: 'atgt',
          title: 'Tai nạn giao thông giảm',
          max: 5,
          method: { kind: 'RANK', step: 1, lowerIsBetter: true },
          scoredBy: { kind: 'OUTSIDE_BODY', body: 'Ủy ban ATGT quốc gia' },
          evidenceRequired: false,
        },
      ],
    },
    {
      type: 'SECTION',
      code: 'thi-dua',
      title: 'Công tác thi đua, khen thưởng',
      children: [
        {
          type: 'CRITERION',
          code: 'cong-tac-td',
          title: 'Công tác TĐKT',
          max: 10,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'OUTSIDE_BODY', body: 'Ban TĐKT Trung ương' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'diem-cong',
          title: 'Điểm thưởng',
          max: 0,
          method: { kind: 'BONUS', cap: 3 },
          scoredBy: { kind: 'LEADERSHIP' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'diem-tru',
          title: 'Điểm trừ',
          max: 0,
          method: { kind: 'PENALTY', cap: 5 },
          scoredBy: { kind: 'LEADERSHIP' },
          evidenceRequired: false,
        },
      ],
    },
  ],
};

const CRITERIA = criteriaOf(SCHEME).map((x) => x.criterion);
const byCode = (code: string) => CRITERIA.find((c) => c.code === code) as (typeof CRITERIA)[number];
/** A member's totals, for ranking and honours. */
const t = (memberId: string, total: number, atMaximum = 0, bySection: Record<string, number> = {}) => ({
  memberId,
  total,
  atMaximum,
  bySection,
  byCriterion: {},
});

describe('scheme', () => {
  it('accepts a well-formed tree of any depth and knows its maximum', () => {
    expect(schemeProblems(SCHEME)).toEqual([]);
    expect(criteriaOf(SCHEME).find((x) => x.criterion.code === 'truong-chuan')?.sections).toEqual([
      'xa-hoi',
      'xa-hoi.giao-duc',
    ]);
    expect(maximumTotal(SCHEME)).toBe(10 + 10 + 5 + 5 + 10 + 3);
  });

  it('names every problem by its path', () => {
    const bad: Scheme = {
      sections: [
        {
          type: 'SECTION',
          code: 'a',
          title: '',
          children: [
            {
              type: 'CRITERION',
              code: 'x',
              title: 'X',
              max: 0,
              method: { kind: 'MANUAL' },
              scoredBy: { kind: 'MEMBER' },
              evidenceRequired: false,
            },
            {
              type: 'CRITERION',
              code: 'x',
              title: 'X',
              max: 2,
              method: { kind: 'BONUS', cap: 0 },
              scoredBy: { kind: 'OUTSIDE_BODY', body: ' ' },
              evidenceRequired: false,
            },
          ],
        },
      ],
    };
    expect(schemeProblems(bad).map((p) => p.path)).toEqual([
      'sections[0].title',
      'sections[0].children[0].max',
      'sections[0].children[1].code',
      'sections[0].children[1].max',
      'sections[0].children[1].method.cap',
      'sections[0].children[1].scoredBy.body',
    ]);
  });
});

describe('scheme of unknown shape (a request body)', () => {
  const criterion = {
    type: 'CRITERION',
    code: 'c',
    title: 'C',
    max: 10,
    method: { kind: 'MANUAL' },
    scoredBy: { kind: 'MEMBER' },
    evidenceRequired: false,
  };
  const section = (children: unknown) => ({ type: 'SECTION', code: 's', title: 'S', children });
  const paths = (x: unknown) => schemeProblems(x).map((p) => p.path);

  it.each([
    ['sections is a string', { sections: 'abc' }, ['sections']],
    ['sections is a number', { sections: 5 }, ['sections']],
    ['sections is an object', { sections: {} }, ['sections']],
    ['sections is null', { sections: null }, ['sections']],
    ['the scheme is null', null, ['sections']],
    ['the scheme is a list', [], ['sections']],
    ['a section is null', { sections: [null] }, ['sections[0]']],
    ['a section is a string', { sections: ['x'] }, ['sections[0]']],
    ['children is a string', { sections: [section('abc')] }, ['sections[0].children']],
    ['children is an object', { sections: [section({})] }, ['sections[0].children']],
    ['a child is null', { sections: [section([null])] }, ['sections[0].children[0]']],
    ['a title is a number', { sections: [{ ...section([criterion]), title: 5 }] }, ['sections[0].title']],
    ['a code is a number', { sections: [{ ...section([criterion]), code: 5 }] }, ['sections[0].code']],
    [
      'a type is unknown',
      { sections: [section([{ ...criterion, type: 'X' }])] },
      ['sections[0].children[0].type'],
    ],
    [
      'max is a string',
      { sections: [section([{ ...criterion, max: '10' }])] },
      ['sections[0].children[0].max'],
    ],
    ['max is null', { sections: [section([{ ...criterion, max: null }])] }, ['sections[0].children[0].max']],
    ['max is huge', { sections: [section([{ ...criterion, max: 1e300 }])] }, ['sections[0].children[0].max']],
    [
      'the method is null',
      { sections: [section([{ ...criterion, method: null }])] },
      ['sections[0].children[0].method'],
    ],
    [
      'a cap is a string',
      { sections: [section([{ ...criterion, max: 0, method: { kind: 'BONUS', cap: '5' } }])] },
      ['sections[0].children[0].method.cap'],
    ],
    [
      'a target is a string',
      { sections: [section([{ ...criterion, method: { kind: 'TARGET', target: '8', floor: 5 } }])] },
      ['sections[0].children[0].method.target'],
    ],
    [
      'scoredBy is a string',
      { sections: [section([{ ...criterion, scoredBy: 'MEMBER' }])] },
      ['sections[0].children[0].scoredBy'],
    ],
    [
      'an outside body is a number',
      { sections: [section([{ ...criterion, scoredBy: { kind: 'OUTSIDE_BODY', body: 5 } }])] },
      ['sections[0].children[0].scoredBy.body'],
    ],
    [
      'evidenceRequired is a string',
      { sections: [section([{ ...criterion, evidenceRequired: 'yes' }])] },
      ['sections[0].children[0].evidenceRequired'],
    ],
    [
      'a title is ill-formed',
      { sections: [section([{ ...criterion, title: 'a\ud800' }])] },
      ['sections[0].children[0].title'],
    ],
    [
      'an unknown field',
      { sections: [section([{ ...criterion, colour: 'red' }])] },
      ['sections[0].children[0].colour'],
    ],
  ])('%s: named by its path, nothing thrown', (_label, scheme, expected) => {
    expect(paths(scheme)).toEqual(expected);
  });

  it('bounds the depth and the size of the tree', () => {
    let deep: unknown = criterion;
    for (let i = 0; i < 10_000; i += 1) deep = { ...section([deep]), code: `s${i}` };
    expect(() => schemeProblems({ sections: [deep] })).not.toThrow();
    // Named where the ninth level would begin; nothing below it is looked at.
    expect(schemeProblems({ sections: [deep] })).toEqual([
      {
        path: `sections[0]${'.children[0]'.repeat(SCHEME_LIMITS.depth - 1)}.children`,
        message: `các mục lồng nhau tối đa ${SCHEME_LIMITS.depth} cấp`,
      },
    ]);
    const wide = {
      sections: [section(Array.from({ length: 5000 }, (_, i) => ({ ...criterion, code: `c${i}` })))],
    };
    expect(schemeProblems(wide).map((p) => p.message)).toEqual([
      `một bảng điểm có tối đa ${SCHEME_LIMITS.nodes} mục và tiêu chí`,
    ]);
  });

  it('is stored with its fields only, texts in NFC', () => {
    const stored = normaliseScheme({
      sections: [
        {
          type: 'SECTION',
          code: 's',
          title: 'Phát triển'.normalize('NFD'),
          children: [{ ...criterion, method: { kind: 'RANK', step: 1, lowerIsBetter: false } } as never],
        },
      ],
    });
    expect(stored.sections[0].title).toBe('Phát triển');
    expect(stored.sections[0].children[0]).toEqual({ ...criterion, method: { kind: 'RANK', step: 1 } });
  });
});

describe('entries', () => {
  it('refuses points above the maximum, a bonus without reason, missing evidence, another scorer’s criterion', () => {
    const member = { kind: 'MEMBER' } as const;
    expect(entryProblems(byCode('truong-chuan'), { value: 6 }, member)).toEqual([
      'giá trị phải từ 0 đến điểm tối đa 5',
    ]);
    expect(entryProblems(byCode('grdp'), { value: 7 }, member)).toEqual(['tiêu chí này cần có minh chứng']);
    expect(entryProblems(byCode('cong-tac-td'), { value: 5 }, member)).toEqual([
      'tiêu chí cong-tac-td do cơ quan ngoài "Ban TĐKT Trung ương" chấm',
    ]);
    expect(
      entryProblems(
        byCode('cong-tac-td'),
        { value: 5 },
        { kind: 'OUTSIDE_BODY', body: 'Ban TĐKT Trung ương' },
      ),
    ).toEqual([]);
    expect(entryProblems(byCode('diem-cong'), { value: 2 }, { kind: 'LEADERSHIP' })).toEqual([
      'điểm thưởng cần nêu lý do',
    ]);
    expect(entryProblems(byCode('diem-cong'), { value: 2 }, member)[0]).toMatch(/Cụm trưởng, Cụm phó/);
    expect(entryProblems(byCode('truong-chuan'), { value: 4 }, { kind: 'LEADERSHIP' })).toEqual([]);
  });
});

describe('totals', () => {
  it('computes target, rank (ties share a place), bonus and penalty points per criterion and section', () => {
    const entries = new Map<string, Record<string, Entry>>([
      [
        'a',
        {
          grdp: { value: 9 },
          'thu-ngan-sach': { value: 100 },
          'truong-chuan': { value: 5 },
          atgt: { value: 10 },
          'diem-cong': { value: 1, reason: 'x' },
        },
      ],
      [
        'b',
        {
          grdp: { value: 4 },
          'thu-ngan-sach': { value: 100 },
          'truong-chuan': { value: 3 },
          atgt: { value: 20 },
          'diem-tru': { value: 2, reason: 'y' },
        },
      ],
      ['c', { grdp: { value: 0.5 }, 'thu-ngan-sach': { value: 50 } }],
    ]);
    const [a, b, c] = computeTotals(SCHEME, entries);
    expect(a.byCriterion).toMatchObject({ grdp: 10, 'thu-ngan-sach': 10, atgt: 5, 'diem-cong': 1 });
    expect(b.byCriterion).toMatchObject({ grdp: 5, 'thu-ngan-sach': 10, atgt: 4, 'diem-tru': -2 });
    expect(c.byCriterion).toMatchObject({ grdp: 2, 'thu-ngan-sach': 6, atgt: 0 }); // floor 2; two ahead → 10 − 2×2
    expect(a.bySection).toMatchObject({ 'kinh-te': 20, 'xa-hoi': 10, 'xa-hoi.giao-duc': 5, 'thi-dua': 1 });
    expect(a.total).toBe(31);
    expect(a.atMaximum).toBe(4);
  });
});

describe('ranking', () => {
  it('breaks ties by the stated rules and says which rule decided', () => {
    const rules: TieBreak[] = [{ kind: 'MORE_AT_MAXIMUM' }, { kind: 'SECTION', section: 'thi-dua' }];
    const r = rank(
      [t('a', 90, 3, { 'thi-dua': 9 }), t('b', 90, 3, { 'thi-dua': 10 }), t('c', 95), t('d', 90, 4)],
      rules,
    );
    expect(r.rows.map((x) => [x.memberId, x.rank])).toEqual([
      ['c', 1],
      ['d', 2],
      ['b', 3],
      ['a', 4],
    ]);
    expect(r.rows.map((x) => x.aheadOfNextBy)).toEqual([
      'higher total',
      'more criteria at maximum',
      'higher total in section thi-dua',
      null,
    ]);
    expect(r.ties).toEqual([]);
  });

  it('reports a tie the rules cannot break, sharing the rank', () => {
    const r = rank([t('x', 80, 2), t('b', 90, 1), t('a', 90, 1), t('c', 70)]);
    expect(r.rows.map((x) => [x.memberId, x.rank, x.tied])).toEqual([
      ['a', 1, true],
      ['b', 1, true],
      ['x', 3, false],
      ['c', 4, false],
    ]);
    expect(r.ties).toEqual([['a', 'b']]);
  });
});

describe('honours (seed 000: flag for the leader, PM certificate for the next)', () => {
  it('names one flag and one certificate with the rationale', () => {
    const h = proposeHonours(rank([t('a', 90), t('b', 95), t('c', 80)]), SEED_000_HONOURS);
    expect(h.proposals.map((p) => [p.award, p.memberId, p.margin])).toEqual([
      ['GOVERNMENT_FLAG', 'b', 5],
      ['PM_CERTIFICATE', 'a', 10],
    ]);
    expect(h.proposals[0].rationale).toBe(
      'xếp thứ 1 với 95 điểm, hơn đơn vị xếp sau 5 điểm; Cờ thi đua của Chính phủ: suất 1/1',
    );
    expect(h.undecided).toEqual([]);
  });

  it('gives nothing by order when the rules cannot break a tie at the cut', () => {
    const h = proposeHonours(rank([t('a', 90), t('b', 90), t('c', 80)]), SEED_000_HONOURS);
    expect(h.proposals).toEqual([]);
    expect(h.undecided.map((u) => [u.award, u.candidates])).toEqual([
      ['GOVERNMENT_FLAG', ['a', 'b']],
      ['PM_CERTIFICATE', ['a', 'b']],
    ]);
    // A tie below the last honoured place does not matter.
    const lower = proposeHonours(rank([t('a', 99), t('b', 95), t('c', 80), t('d', 80)]), SEED_000_HONOURS);
    expect(lower.proposals.map((p) => p.memberId)).toEqual(['a', 'b']);
    expect(lower.undecided).toEqual([]);
  });

  it('respects a minimum total', () => {
    const h = proposeHonours(rank([t('a', 90), t('b', 60)]), { ...SEED_000_HONOURS, minimumTotal: 70 });
    expect(h.proposals.map((p) => p.memberId)).toEqual(['a']);
    expect(h.belowMinimum).toEqual(['b']);
  });
});

describe('properties', () => {
  const entryArb = fc.record({
    value: fc.double({ min: -50, max: 200, noNaN: true }),
    reason: fc.constant('lý do'),
  });
  const membersArb = fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 })
    .chain((ids) =>
      fc.tuple(
        fc.constant(ids),
        fc.array(fc.dictionary(fc.constantFrom(...CRITERIA.map((c) => c.code)), entryArb), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
      ),
    );
  const rulesArb = fc.array(
    fc.oneof(
      fc.constant<TieBreak>({ kind: 'MORE_AT_MAXIMUM' }),
      fc.constantFrom<TieBreak>(
        { kind: 'SECTION', section: 'thi-dua' },
        { kind: 'SECTION', section: 'kinh-te' },
      ),
      fc.constantFrom<TieBreak>({ kind: 'CRITERION', criterion: 'grdp' }),
    ),
    { maxLength: 3 },
  );

  it('totals stay within the maxima plus capped bonuses, minus capped penalties', () => {
    const max = maximumTotal(SCHEME);
    fc.assert(
      fc.property(membersArb, ([ids, es]) => {
        const totals = computeTotals(SCHEME, new Map(ids.map((id, i) => [id, es[i]])));
        for (const m of totals) {
          expect(m.total).toBeLessThanOrEqual(max + 1e-9);
          expect(m.total).toBeGreaterThanOrEqual(-5 - 1e-9);
        }
      }),
    );
  });

  it('the ranking is a permutation of the members, independent of their order, and every unbroken tie is reported', () => {
    fc.assert(
      fc.property(membersArb, rulesArb, fc.integer(), ([ids, es], rules, seed) => {
        const entries = new Map(ids.map((id, i) => [id, es[i]]));
        const totals = computeTotals(SCHEME, entries);
        const r = rank(totals, rules);
        expect(r.rows.map((x) => x.memberId).sort()).toEqual([...ids].sort());
        // The same members in another order: the same result.
        const shuffled = [...totals].sort(() => 0).map((_, i, arr) => arr[(i + Math.abs(seed)) % arr.length]);
        expect(rank(shuffled, rules)).toEqual(r);
        // Members with equal keys share a rank and are reported as a tie.
        for (const a of r.rows)
          for (const b of r.rows)
            if (a !== b && a.keys.every((k, i) => k === b.keys[i])) {
              expect(a.rank).toBe(b.rank);
              expect(r.ties.some((g) => g.includes(a.memberId) && g.includes(b.memberId))).toBe(true);
            }
        // Ranks never improve going down the list.
        r.rows.forEach((x, i) => i > 0 && expect(x.rank).toBeGreaterThanOrEqual(r.rows[i - 1].rank));
      }),
    );
  });

  it('honours: one per member, never to a member in an unbroken tie at the cut, none below the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
        (scores, minimumTotal) => {
          const totals = scores.map(([total, atMaximum], i) => ({
            memberId: `m${i}`,
            total,
            atMaximum,
            bySection: {},
            byCriterion: {},
          }));
          const h = proposeHonours(rank(totals), { ...SEED_000_HONOURS, minimumTotal });
          const ids = h.proposals.map((p) => p.memberId);
          expect(new Set(ids).size).toBe(ids.length);
          for (const p of h.proposals)
            if (minimumTotal !== null) expect(p.total).toBeGreaterThanOrEqual(minimumTotal);
          const undecided = new Set(h.undecided.flatMap((u) => u.candidates));
          for (const id of ids) expect(undecided.has(id)).toBe(false);
          expect(h.proposals.length + (h.undecided.length ? 1 : 0)).toBeLessThanOrEqual(totals.length + 1);
        },
      ),
    );
  });
});

describe('the scheme as an Excel table', () => {
  it('goes to rows and back unchanged', () => {
    const rows = schemeToRows(SCHEME);
    expect(rows[0]).toEqual([
      'kinh-te',
      null,
      'Mục',
      'Kinh tế',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(rows.find((r) => r[0] === 'atgt')).toEqual([
      'atgt',
      'xa-hoi',
      'Tiêu chí',
      'Tai nạn giao thông giảm',
      5,
      'Theo thứ hạng',
      null,
      null,
      1,
      'Có',
      null,
      'Cơ quan ngoài',
      'Ủy ban ATGT quốc gia',
      'Không',
    ]);
    expect(rowsToScheme(rows)).toEqual({ scheme: SCHEME });
  });

  it('names every problem by worksheet row and column', () => {
    const rows = schemeToRows(SCHEME);
    rows[1][4] = 'mười'; // grdp max
    rows[2][1] = 'khong-co'; // unknown parent
    rows[5][2] = 'Nhóm'; // unknown kind
    const r = rowsToScheme(rows);
    expect('problems' in r && r.problems).toEqual([
      { row: 3, column: 'Điểm tối đa', message: '"mười" không phải là số' },
      { row: 4, column: 'Thuộc mục', message: 'không có mục "khong-co" ở trên dòng này' },
      { row: 7, column: 'Loại', message: 'phải là "Mục" hoặc "Tiêu chí"' },
    ]);
    const dup = schemeToRows(SCHEME);
    dup[2][0] = 'grdp';
    expect(rowsToScheme(dup)).toEqual({
      problems: [{ row: 4, column: 'Mã', message: '"grdp" đã dùng ở sections[0].children[0]' }],
    });
  });
});

describe('the self-score sheet', () => {
  it('lists the member’s own criteria and reads back the values filled in', () => {
    const rows = selfScoreRows(SCHEME, new Map([['grdp', { value: 7.5, evidence: true }]]));
    expect(rows.map((r) => r[0])).toEqual(['grdp', 'thu-ngan-sach', 'truong-chuan']);
    expect(rows[0]).toEqual([
      'grdp',
      'Tăng trưởng GRDP',
      10,
      'Theo chỉ tiêu: giá trị đạt được (chỉ tiêu 8)',
      7.5,
      'Có',
      null,
    ]);
    rows[1][4] = '120,5';
    rows[2][4] = null; // left blank: not entered
    expect(selfScoreEntries(rows)).toEqual({
      entries: [
        { criterion: 'grdp', value: 7.5, evidence: true },
        { criterion: 'thu-ngan-sach', value: 120.5, evidence: false },
      ],
    });
    rows[2][4] = 'năm';
    expect(selfScoreEntries(rows)).toEqual({
      problems: [{ row: 4, column: 'Giá trị tự chấm', message: '"năm" không phải là số' }],
    });
  });
});
