import 'reflect-metadata';
import { HonoursView, RankingView } from '@tdkt/contracts';
import { describeTieBreak } from '@tdkt/domain';
import { PAPER_A4, PRINT_FONT } from '@tdkt/platform';
import ExcelJS from 'exceljs';
import { SCHEME } from '../test-fixtures';
import { honoursWorkbook, rankingWorkbook, ResultsContext } from './results-xlsx';

const CTX: ResultsContext = {
  groupName: 'Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung',
  scheme: SCHEME,
  names: new Map([
    ['u1', 'Đắk Lắk'],
    ['u2', 'Gia Lai'],
    ['u3', 'Bình Định'],
    ['u4', 'Phú Yên'],
  ]),
};

const row = (memberId: string, unitName: string, extra: Partial<RankingView['scopes'][0]['rows'][0]>) => ({
  memberId,
  unitName,
  rank: 1,
  total: 0,
  selfTotal: 0,
  difference: 0,
  tied: false,
  aheadOfNextBy: null,
  margin: null,
  bySection: {},
  criteria: [],
  ...extra,
});

const RANKING: RankingView = {
  groupId: 'g1',
  year: 2023,
  schemeVersion: 2,
  locked: true,
  tieBreaks: [{ kind: 'MORE_AT_MAXIMUM' }, { kind: 'SECTION', section: 'xh' }],
  scopes: [
    {
      subgroupId: 'dh',
      name: 'Nhóm Duyên hải',
      ties: [['u3', 'u4']],
      rows: [
        row('u3', 'Bình Định', {
          rank: 1,
          total: 40,
          selfTotal: 41.5,
          difference: -1.5,
          tied: true,
          bySection: { kt: 30, xh: 10 },
        }),
        row('u4', 'Phú Yên', {
          rank: 1,
          total: 40,
          selfTotal: 40,
          tied: true,
          bySection: { kt: 28, xh: 12 },
        }),
      ],
    },
    {
      subgroupId: 'tn',
      name: 'Nhóm Tây Nguyên',
      ties: [],
      rows: [
        row('u1', 'Đắk Lắk', {
          rank: 1,
          total: 38.25,
          selfTotal: 39,
          difference: -0.75,
          aheadOfNextBy: describeTieBreak({ kind: 'MORE_AT_MAXIMUM' }),
          margin: 0,
          bySection: { kt: 30, xh: 8.25 },
        }),
        row('u2', 'Gia Lai', { rank: 2, total: 38.25, selfTotal: 38.25, bySection: { kt: 25, xh: 13.25 } }),
      ],
    },
  ],
};

async function open(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

const texts = (ws: ExcelJS.Worksheet) => {
  const out: string[] = [];
  ws.eachRow((r) => r.eachCell((c) => out.push(String(c.value))));
  return out;
};
const values = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);
const CODES = [
  'GOVERNMENT_FLAG',
  'PM_CERTIFICATE',
  'more criteria at maximum',
  'higher total',
  'tie at rank',
  'members',
];

describe('ranking and honours workbooks', () => {
  it('ranking: title and year, one block per subgroup numbered from 1, points as numbers, reasons in words', async () => {
    const f = await rankingWorkbook(RANKING, CTX);
    expect(f.fileName).toBe('xep-hang-cum-thi-dua-cac-tinh-tay-nguyen-va-duyen-hai-mien-trung-2023.xlsx');
    const ws = await open(f.base64);
    expect(ws.getCell('A1').value).toBe('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM 2023');
    expect(ws.getCell('A3').value).toBe(
      '(Theo thang bảng điểm phiên bản 2; kết quả đã khóa tại Hội nghị trù bị)',
    );
    expect(values(ws, 5)).toEqual([
      'STT',
      'Đơn vị',
      'I. Kinh tế',
      'II. Xã hội',
      'Điểm tự chấm',
      'Tổng điểm sau thẩm định',
      'Chênh lệch',
      'Xếp hạng',
      'Ghi chú',
    ]);
    expect(values(ws, 6).slice(0, 2)).toEqual(['I', 'Nhóm Duyên hải']);
    expect(values(ws, 7).slice(0, 8)).toEqual([1, 'Bình Định', 30, 10, 41.5, 40, -1.5, 1]);
    expect(String(values(ws, 7)[8])).toMatch(/^Đồng hạng/);
    expect(values(ws, 9).slice(0, 2)).toEqual(['II', 'Nhóm Tây Nguyên']);
    expect(values(ws, 10)).toEqual([
      1,
      'Đắk Lắk',
      30,
      8.25,
      39,
      38.25,
      -0.75,
      1,
      'Hơn đơn vị xếp sau: có nhiều tiêu chí đạt điểm tối đa hơn',
    ]);
    expect(values(ws, 11).slice(0, 2)).toEqual([2, 'Gia Lai']);
    expect(ws.getRow(10).getCell(6).numFmt).toBe('0.##');
    const all = texts(ws);
    expect(all).toContain(
      'Khi bằng tổng điểm, xét lần lượt: (1) có nhiều tiêu chí đạt điểm tối đa hơn; (2) tổng điểm mục “Xã hội” cao hơn.',
    );
    for (const code of CODES) expect(all.filter((t) => t.includes(code))).toEqual([]);
    expect(ws.pageSetup).toMatchObject({
      paperSize: PAPER_A4,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '5:5',
    });
    expect(ws.getCell('B10').font?.name).toBe(PRINT_FONT);
    expect(ws.getCell('I11').border).toMatchObject({ right: { style: 'thin' } });
  });

  it('honours: awards in words, ties and members below the minimum left to the conference', async () => {
    const view: HonoursView = {
      groupId: 'g1',
      year: 2023,
      schemeVersion: 2,
      rule: {
        scope: 'SUBGROUP',
        awards: [
          { award: 'GOVERNMENT_FLAG', places: 1 },
          { award: 'PM_CERTIFICATE', places: 1 },
        ],
        minimumTotal: 39,
      },
      scopes: [
        {
          subgroupId: 'dh',
          name: 'Nhóm Duyên hải',
          proposals: [],
          undecided: [
            {
              award: 'GOVERNMENT_FLAG',
              candidates: ['u3', 'u4'],
              reason: '2 đơn vị cùng xếp thứ 1 với 40 điểm, không tiêu chí phụ nào phân định được',
            },
            {
              award: 'PM_CERTIFICATE',
              candidates: ['u3', 'u4'],
              reason: '2 đơn vị cùng xếp thứ 1 với 40 điểm, không tiêu chí phụ nào phân định được',
            },
          ],
          belowMinimum: [],
        },
        {
          subgroupId: 'tn',
          name: 'Nhóm Tây Nguyên',
          proposals: [
            {
              award: 'GOVERNMENT_FLAG',
              memberId: 'u1',
              unitName: 'Đắk Lắk',
              rank: 1,
              total: 39.5,
              margin: 1.25,
              rationale:
                'xếp thứ 1 với 39,5 điểm, hơn đơn vị xếp sau 1,25 điểm; Cờ thi đua của Chính phủ: suất 1/1',
            },
          ],
          undecided: [],
          belowMinimum: ['u2'],
        },
      ],
    };
    const ws = await open((await honoursWorkbook(view, CTX)).base64);
    expect(ws.getCell('A1').value).toBe('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023');
    expect(values(ws, 5)).toEqual([
      'STT',
      'Hình thức khen thưởng',
      'Đơn vị',
      'Xếp hạng',
      'Tổng điểm',
      'Hơn đơn vị xếp sau (điểm)',
      'Ghi chú',
    ]);
    expect(values(ws, 7).slice(0, 5)).toEqual([
      1,
      'Cờ thi đua của Chính phủ',
      'Chưa xác định: Bình Định, Phú Yên',
      1,
      40,
    ]);
    expect(values(ws, 8).slice(0, 3)).toEqual([
      2,
      'Bằng khen của Thủ tướng Chính phủ',
      'Chưa xác định: Bình Định, Phú Yên',
    ]);
    expect(values(ws, 9).slice(0, 2)).toEqual(['II', 'Nhóm Tây Nguyên']);
    expect(values(ws, 10).slice(0, 6)).toEqual([1, 'Cờ thi đua của Chính phủ', 'Đắk Lắk', 1, 39.5, 1.25]);
    expect(values(ws, 11).slice(1, 3)).toEqual(['Không đề nghị', 'Gia Lai']);
    const all = texts(ws);
    expect(all).toContain('Quy tắc: Chỉ đề nghị khen thưởng đơn vị đạt từ 39 điểm trở lên.');
    for (const code of CODES) expect(all.filter((t) => t.includes(code))).toEqual([]);
    expect(ws.pageSetup).toMatchObject({
      paperSize: PAPER_A4,
      orientation: 'portrait',
      fitToWidth: 1,
      fitToHeight: 0,
    });
  });
});
