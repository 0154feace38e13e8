import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentType } from '@tdkt/domain';
import { appendixRows, SEED_000_AWARD_FORMS } from './award-forms';
import { dateWords, esc, fileBase, instantWords, numberSymbol, points } from './format';
import { TEMPLATES, type DocumentTemplate } from './index';
import { largeGroup, SAMPLE_GROUP, SAMPLE_RESULTS_TABLE, SAMPLES } from './samples';

const html = (type: DocumentType, data?: unknown) =>
  (TEMPLATES[type] as DocumentTemplate<unknown>).html(data ?? SAMPLES[type]);
const TYPES = Object.values(DocumentType);

describe('esc', () => {
  it('escapes the five HTML specials and nothing else', () => {
    expect(esc(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
    expect(esc('Đắk Lắk')).toBe('Đắk Lắk');
    expect(esc(null)).toBe('');
  });
});

describe('Vietnamese formats', () => {
  it('dates as Decree 30 writes them, blanks when not fixed', () => {
    expect(dateWords('2023-12-04')).toBe('ngày 04 tháng 12 năm 2023');
    expect(dateWords('2024-02-05')).toBe('ngày 05 tháng 02 năm 2024');
    expect(dateWords(null, 2024)).toBe(
      'ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0năm 2024',
    );
  });
  it('number and symbol, numbers below 10 with a leading 0', () => {
    const head = {
      issuer: { parent: null, name: 'x' },
      symbol: 'KH-CTĐTN&DHMT',
      place: 'Bình Định',
      date: null,
    };
    expect(numberSymbol({ ...head, number: '214' })).toBe('Số: 214/KH-CTĐTN&DHMT');
    expect(numberSymbol({ ...head, number: 4 })).toBe('Số: 04/KH-CTĐTN&DHMT');
    expect(numberSymbol({ ...head, number: '7' })).toBe('Số: 07/KH-CTĐTN&DHMT');
    expect(numberSymbol({ ...head, number: null })).toBe(
      'Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-CTĐTN&DHMT',
    );
  });
  it('server time in Asia/Ho_Chi_Minh whatever the process time zone', () => {
    expect(instantWords('2024-02-04T17:05:09Z')).toBe(
      '00 giờ 05 phút 09 giây, ngày 05/02/2024 (giờ Việt Nam, UTC+7)',
    );
  });
  it('points with a decimal comma', () => {
    expect(points(94.5)).toBe('94,5');
    expect(points(null)).toBe('-');
  });
  it('file names are ASCII', () => {
    expect(fileBase('KH', '214', 'TN&DHMT', 2023)).toBe('KH-214-TN-DHMT-2023');
    for (const t of TYPES)
      expect((TEMPLATES[t] as DocumentTemplate<unknown>).fileName(SAMPLES[t])).toMatch(/^[A-Z0-9-]+$/);
  });
});

describe('the awards appendix (seed 000 forms, seed 002 figures)', () => {
  const golden = JSON.parse(
    readFileSync(
      join(__dirname, '../../../../libs/domain/src/awards/golden/awards-2023-h1-tn-dhmt.json'),
      'utf8',
    ),
  ) as { rows: { award: string; reportedTotal: number }[] };
  const sections = appendixRows(SAMPLES[DocumentType.GROUP_REPORT].awards, SAMPLE_GROUP.members.length);

  it('prints every fixed row in the seed order, numbering restarting per section', () => {
    expect(sections.map((s) => s.rows.map((r) => `${r.no}. ${r.label}`))).toEqual(
      SEED_000_AWARD_FORMS.map((s) => s.rows.map((r, i) => `${i + 1}. ${r.label}`)),
    );
    expect(sections[0].rows).toHaveLength(12);
    expect(sections[1].rows).toHaveLength(5);
    expect(sections[0].rows.find((r) => r.label === 'Huân chương Hữu nghị')?.total).toBe(0);
  });

  it('reproduces every reported total of the fixture; a lost cell stays lost', () => {
    const totals = sections.flatMap((s) => s.rows.map((r) => r.total)).filter((t) => t > 0);
    expect(totals.sort((a, b) => a - b)).toEqual(
      golden.rows.map((r) => r.reportedTotal).sort((a, b) => a - b),
    );
    const independence = sections[0].rows[3];
    expect(independence.incomplete).toBe(true);
    expect(independence.cells[9]).toBeNull();
  });

  it('codes outside the fixed list go to a last "other" row of their section', () => {
    const extra = appendixRows({ periodLabel: 'x', rows: [{ code: 'GIAY-KHEN', cells: [1, 2] }] }, 2);
    const last = extra[1].rows[extra[1].rows.length - 1];
    expect(last.label).toContain('Hình thức khác');
    expect(last.total).toBe(3);
  });
});

describe('templates', () => {
  it.each(TYPES)('%s: a Decree 30 page (motto, slogan, issuer, number, place-date, serif only)', (type) => {
    const out = html(type);
    expect(out).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(out).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(out).toContain('CỤM THI ĐUA CÁC TỈNH TÂY NGUYÊN VÀ DUYÊN HẢI MIỀN TRUNG');
    expect(out).toContain('Số: ');
    expect(out).toContain('Bình Định, ngày ');
    expect(out).toContain('@page :first { @top-center { content: none; } }');
    expect(out).toMatch(/font-family: "Liberation Serif", "Tinos", "Times New Roman", serif/);
    expect(out).not.toMatch(/sans-serif|monospace|<script|<link|src=/);
  });

  it.each(TYPES)('%s: markup in any field prints as text', (type) => {
    const evil = '<script>alert(1)</script>';
    const data = JSON.parse(
      JSON.stringify(SAMPLES[type]).replace(
        /"(Đắk Lắk|Bình Định|Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung|Phạm Anh Tuấn|UBND tỉnh Đắk Lắk|Lãnh đạo UBND tỉnh Đắk Lắk|Bảng tự chấm điểm.xlsx)"/g,
        `"$1 ${evil}"`,
      ),
    );
    const out = html(type, data);
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.each(TYPES)(
    '%s: sparse data (no subgroups, no leaders, nothing scored, dates and names unknown) still renders',
    async (type) => {
      const bare = {
        ...SAMPLE_GROUP,
        subgroups: [],
        chair: null,
        viceChair: null,
        members: SAMPLE_GROUP.members.map((m) => ({ ...m, subgroupId: null, fullName: null })),
      };
      const data = JSON.parse(JSON.stringify(SAMPLES[type])) as Record<string, unknown>;
      if ('group' in data) data.group = bare;
      data.head = { ...(data.head as object), number: null, date: null, draftYear: 2024 };
      if ('signer' in data)
        data.signer = { authority: null, position: 'Cụm trưởng', signerTitle: null, name: null };
      for (const k of ['scores', 'honours', 'undecided', 'rankings']) if (k in data) data[k] = [];
      if ('awards' in data) data.awards = { periodLabel: 'năm 2023', rows: [] };
      for (const k of ['preparatory', 'official', 'conference'])
        if (k in data)
          data[k] = { kind: k === 'preparatory' ? 'PREPARATORY' : 'OFFICIAL', date: null, place: null };
      if ('milestones' in data) data.milestones = [];
      const tpl = TEMPLATES[type] as DocumentTemplate<unknown>;
      const out = tpl.html(data);
      expect(out).not.toMatch(/undefined|NaN|\[object|>null</);
      expect(out).toMatch(/Số: \u00a0{8}(\/|<)/);
      const docx = await tpl.docx(data);
      expect(docx.length).toBeGreaterThan(1000);
    },
  );

  it.each(TYPES)('%s: no "undefined", "null" or "NaN" printed from the samples', (type) => {
    expect(html(type)).not.toMatch(/undefined|NaN|\[object|\bnull\b/);
  });

  it('the sample data is plain JSON (the service hashes it)', () => {
    for (const t of TYPES) expect(JSON.parse(JSON.stringify(SAMPLES[t]))).toEqual(SAMPLES[t]);
  });

  it('the report appendix is a landscape page; the results table is landscape', () => {
    expect(html(DocumentType.GROUP_REPORT)).toContain('<section class="appendix l">');
    expect(html(DocumentType.RESULTS_TABLE)).toContain('@page { size: A4 landscape;');
    expect(TEMPLATES[DocumentType.RESULTS_TABLE].orientation).toBe('landscape');
  });

  it('every member appears in the results table, in every template that lists them', () => {
    for (const t of [
      DocumentType.RESULTS_TABLE,
      DocumentType.MINUTES,
      DocumentType.PROPOSAL,
      DocumentType.GROUP_REPORT,
    ]) {
      const out = html(t);
      for (const m of SAMPLE_GROUP.members) expect(out).toContain(m.name);
    }
  });

  it('a tie left to the conference is said, not hidden', () => {
    expect(html(DocumentType.MINUTES)).toContain('Hội nghị tổng kết (chính thức) xem xét, quyết định');
    expect(html(DocumentType.RESULTS_TABLE)).toContain('02 (đồng hạng)');
  });

  it('a large group: the appendix turns (one row per member, the forms as numbered columns), names are not listed in the text', () => {
    const big = largeGroup(100);
    const awards = {
      periodLabel: 'năm 2023',
      rows: [{ code: 'BK-THU-TUONG', cells: big.group.members.map(() => 1) }],
    };
    const out = TEMPLATES[DocumentType.GROUP_REPORT].html({
      ...SAMPLES[DocumentType.GROUP_REPORT],
      ...big,
      awards,
      narrative: null,
    });
    const appendix = out.slice(out.indexOf('<section class="appendix l">'));
    expect(appendix.match(/<tr>/g)?.length).toBe(100 + 2 + 1);
    expect(appendix).toContain('Đơn vị thành viên số 100');
    expect(appendix).toContain('>100<'); // the total of the PM certificate column
    expect(out.slice(0, out.indexOf('<section'))).not.toContain('(Đơn vị thành viên số 1, ');
  });

  it('10,000 members: one row per member under a repeated header, rows never split', () => {
    const big = largeGroup(10_000);
    const out = TEMPLATES[DocumentType.RESULTS_TABLE].html({ ...SAMPLE_RESULTS_TABLE, ...big });
    // 10,000 member rows + 2 header rows per subgroup table + the frame's header (2) and closing (1).
    expect(out.match(/<tr>/g)?.length).toBe(10_000 + 2 * 2 + 3);
    expect(out).toContain('table.grid thead { display: table-header-group; }');
    expect(out).toContain('table.grid tr { break-inside: avoid;');
  });
});
