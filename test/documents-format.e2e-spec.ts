/**
 * The Decree 30 format (../shared/DOCUMENT-FORMAT.md) checked from the PDF itself, for every
 * document type rendered from seeded data in real Chromium: page size and margins, the motto and
 * slogan top right in bold capitals, the issuing body top left, number/symbol and the italic
 * place-date, no page number on page 1 and a centred one from page 2, the recipients and signature
 * blocks, only the serif family embedded, and every Vietnamese word of the data in the text.
 * Positions come from poppler (test/support/pdf.ts), in points from the top left.
 *
 * FORMAT_PNG_DIR=<dir> writes each PDF and its first page as PNG there (to look at).
 */
import 'reflect-metadata';
import { DocumentType, SubmissionKind } from '@tdkt/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadBytes, renderDone, scoreTn2023, TN } from './support/documents';
import { attach, GROUP, pdf, setUpCampaign, YEAR } from './support/intake';
import { pageToPng, PdfInfo, PdfRun, readPdf } from './support/pdf';
import { login, startTestSystem, TestSystem } from './support/system';
import { client, ok } from './support/api';

const MM = 72 / 25.4;
/** Poppler's boxes include the glyphs' side bearings and line height: a point of slack. */
const SLACK = 2;

interface Line {
  page: number;
  y: number;
  x: number;
  right: number;
  height: number;
  text: string;
  runs: PdfRun[];
}

/** Runs on the same baseline (±2 pt) of a page, left to right, as lines. */
function lines(info: PdfInfo, page: number): Line[] {
  const out: Line[] = [];
  for (const r of info.runs
    .filter((x) => x.page === page && x.text.trim())
    .sort((a, b) => a.y - b.y || a.x - b.x)) {
    const l = out.find((x) => Math.abs(x.y - r.y) <= 2 && (r.x - x.right < 40 || x.right - r.x < 40));
    if (l && r.x >= l.right - 1 && r.x - l.right < 10) {
      l.text += (r.x - l.right > 2 ? ' ' : '') + r.text;
      l.right = r.x + r.width;
      l.runs.push(r);
    } else
      out.push({ page, y: r.y, x: r.x, right: r.x + r.width, height: r.height, text: r.text, runs: [r] });
  }
  for (const l of out) l.text = l.text.replace(/\s+/g, ' ').trim();
  return out;
}

const centre = (l: Line) => (l.x + l.right) / 2;
const allBold = (l: Line) => l.runs.filter((r) => r.text.trim()).every((r) => r.bold);
const allItalic = (l: Line) => l.runs.filter((r) => r.text.trim()).every((r) => r.italic);
const sizes = (l: Line) => [...new Set(l.runs.filter((r) => r.text.trim()).map((r) => Math.round(r.size)))];

function find(ls: Line[], what: string | RegExp): Line {
  const l = ls.find((x) => (typeof what === 'string' ? x.text.includes(what) : what.test(x.text)));
  if (!l)
    throw new Error(
      `no line ${String(what)} in:\n${ls.map((x) => `${x.y.toFixed(0)} ${x.text}`).join('\n')}`,
    );
  return l;
}

/** The format rules every document shares (Decree 30, Appendix I). */
function checkFrame(
  info: PdfInfo,
  o: { landscape: boolean; issuer: string; recipients: boolean; words: string[] },
) {
  const [p1] = info.pages;
  // A4, in the orientation of the first page.
  const [w, h] = o.landscape ? [841.9, 595.3] : [595.3, 841.9];
  expect(Math.abs(p1.width - w)).toBeLessThan(2);
  expect(Math.abs(p1.height - h)).toBeLessThan(2);
  const ls = lines(info, 1);
  // Margins: top and bottom ≥ 20 mm, left ≥ 30 mm, right ≥ 15 mm (every text line of page 1).
  for (const l of ls) {
    expect(l.y).toBeGreaterThanOrEqual(20 * MM - SLACK);
    expect(l.y + l.height).toBeLessThanOrEqual(p1.height - 20 * MM + SLACK);
    expect(l.x).toBeGreaterThanOrEqual(30 * MM - SLACK);
    expect(l.right).toBeLessThanOrEqual(p1.width - 15 * MM + SLACK);
  }
  const textMid = (30 * MM + (p1.width - 15 * MM)) / 2;
  // National motto: capitals, bold, 12–13 pt, top right.
  const motto = find(ls, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(allBold(motto)).toBe(true);
  expect(sizes(motto).every((s) => s >= 12 && s <= 13)).toBe(true);
  expect(centre(motto)).toBeGreaterThan(textMid);
  // Slogan: bold 13–14 pt, centred under the motto.
  const slogan = find(ls, 'Độc lập - Tự do - Hạnh phúc');
  expect(allBold(slogan)).toBe(true);
  expect(sizes(slogan).every((s) => s >= 13 && s <= 14)).toBe(true);
  expect(slogan.y).toBeGreaterThan(motto.y);
  expect(Math.abs(centre(slogan) - centre(motto))).toBeLessThan(6);
  // Issuing body: capitals, bold, top left, level with the motto block.
  const issuer = find(ls, o.issuer.toLocaleUpperCase('vi').split(' ').slice(0, 3).join(' '));
  expect(allBold(issuer)).toBe(true);
  expect(centre(issuer)).toBeLessThan(textMid);
  expect(Math.abs(issuer.y - motto.y)).toBeLessThan(40);
  // Number and symbol under the issuing body; place and date italic, right, on the same line.
  const number = find(ls, /^Số:/);
  expect(number.y).toBeGreaterThan(issuer.y);
  expect(centre(number)).toBeLessThan(textMid);
  const placeDate = find(ls, /ngày .* tháng .* năm \d{4}/);
  expect(allItalic(placeDate)).toBe(true);
  expect(centre(placeDate)).toBeGreaterThan(textMid);
  expect(Math.abs(placeDate.y - number.y)).toBeLessThan(8);
  // No page number on page 1 (nothing in the top margin); from page 2 a centred number in it.
  expect(ls.filter((l) => l.y < 20 * MM - SLACK)).toEqual([]);
  if (info.pages.length > 1 && info.pages[1].width === p1.width) {
    const top = lines(info, 2).filter((l) => l.y < 20 * MM);
    expect(top.map((l) => l.text)).toEqual(['2']);
    expect(Math.abs(centre(top[0]) - textMid)).toBeLessThan(12);
    expect(sizes(top[0]).every((s) => s >= 13 && s <= 14)).toBe(true);
  }
  // Recipients (left, "Nơi nhận:" bold italic) level with the signature block (right, bold caps).
  const all = info.pages.flatMap((p) => lines(info, p.number));
  if (o.recipients) {
    const recipients = find(all, /^Nơi nhận:/);
    expect(recipients.runs[0].bold && recipients.runs[0].italic).toBe(true);
    expect(recipients.x).toBeLessThan(textMid);
    const authority = all.find(
      (l) => l.page === recipients.page && /^(TM\.|KT\.|Q\.|TL\.|TUQ\.)/.test(l.text) && centre(l) > textMid,
    );
    expect(authority).toBeDefined();
    expect(allBold(authority as Line)).toBe(true);
    expect(Math.abs((authority as Line).y - recipients.y)).toBeLessThan(20);
  }
  // Only the serif family is embedded (no fallback font for a Vietnamese letter).
  expect(info.fonts.length).toBeGreaterThan(0);
  for (const f of info.fonts) {
    expect(f.embedded).toBe(true);
    expect(f.name.replace(/^[A-Z]{6}\+/, '')).toMatch(/^(LiberationSerif|Tinos|TimesNewRoman)/);
  }
  // Every Vietnamese word of the data is in the text.
  const words = new Set(info.text.replace(/[^\p{L}\p{N}<>/&"'-]+/gu, ' ').split(' '));
  for (const phrase of o.words)
    for (const word of phrase
      .normalize('NFC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean))
      expect([phrase, word, words.has(word) || info.text.includes(word)]).toEqual([phrase, word, true]);
}

describe('documents in the Decree 30 format', () => {
  let sys: TestSystem;
  let board: string, chair: string;
  const unit = new Map<string, string>();
  const files = new Map<DocumentType, PdfInfo>();
  let groupName = '';
  let receiptFacts: { fileName: string; number: string; unitName: string } | undefined;

  const rendered = async (type: DocumentType, extra: Record<string, unknown> = {}, token = chair) => {
    const r = await renderDone(sys, token, { type, ...extra });
    const { bytes } = await downloadBytes(sys, token, r.document.id);
    if (process.env.FORMAT_PNG_DIR) {
      pageToPng(bytes, join(process.env.FORMAT_PNG_DIR, type.toLowerCase()));
      writeFileSync(join(process.env.FORMAT_PNG_DIR, `${type.toLowerCase()}.pdf`), bytes);
    }
    return readPdf(bytes);
  };

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring', 'awards', 'documents'] });
    board = await login(sys, 'board');
    chair = await login(sys, 'binhdinh');
    const members = await ok(
      client(sys, board).GET('/api/v1/groups/{groupId}/members', {
        params: { path: { groupId: TN }, query: { year: 2023 } },
      }),
    );
    groupName = members.group.name;
    for (const m of members.items) unit.set(m.unit.name, m.unit.id);
    await scoreTn2023(sys, { chair, board, officer: (n) => sys.officerToken(unit.get(n) as string) }, unit);
    const g = { groupId: TN, year: 2023 };
    files.set(DocumentType.CONFERENCE_PLAN, await rendered(DocumentType.CONFERENCE_PLAN, g));
    files.set(DocumentType.RESULTS_TABLE, await rendered(DocumentType.RESULTS_TABLE, g));
    files.set(DocumentType.GROUP_REPORT, await rendered(DocumentType.GROUP_REPORT, g));
    files.set(
      DocumentType.INVITATION,
      await rendered(DocumentType.INVITATION, { ...g, conference: 'OFFICIAL', unitId: unit.get('Đắk Lắk') }),
    );
    await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', {
        params: { path: { groupId: TN, year: 2023 } },
      }),
    );
    files.set(DocumentType.MINUTES, await rendered(DocumentType.MINUTES, g));
    files.set(DocumentType.PROPOSAL, await rendered(DocumentType.PROPOSAL, g));
    await setUpCampaign(sys, board);
    const member = await login(sys, 'stc-hatinh');
    const made = await ok(
      client(sys, member).POST('/api/v1/submissions', {
        body: { groupId: GROUP, year: YEAR, kind: SubmissionKind.ANNUAL_REPORT },
      }),
    );
    const fileName = 'Báo cáo tổng kết năm của Sở Tài chính.pdf';
    await attach(sys, member, made.id, { bytes: pdf(), contentType: 'application/pdf', fileName });
    const receipt = await ok(
      client(sys, member).POST('/api/v1/submissions/{submissionId}/submit', {
        params: { path: { submissionId: made.id }, header: { 'Idempotency-Key': `key-format-${made.id}` } },
      }),
    );
    const u = await ok(
      client(sys, board).GET('/api/v1/units/{id}', { params: { path: { id: receipt.unitId } } }),
    );
    receiptFacts = { fileName, number: receipt.number, unitName: u.name };
    files.set(
      DocumentType.RECEIPT,
      await rendered(DocumentType.RECEIPT, { submissionId: made.id, version: 1 }, member),
    );
  }, 300_000);

  afterAll(async () => {
    await sys?.stop();
  }, 60_000);

  const memberNames = () => [...unit.keys()];

  it('the conference plan', () => {
    checkFrame(files.get(DocumentType.CONFERENCE_PLAN)!, {
      landscape: false,
      issuer: groupName,
      recipients: true,
      words: [groupName, 'KẾ HOẠCH'],
    });
  });

  it('the results table (landscape), with every member', () => {
    checkFrame(files.get(DocumentType.RESULTS_TABLE)!, {
      landscape: true,
      issuer: groupName,
      recipients: true,
      words: [groupName, ...memberNames()],
    });
  });

  // Fails while the report is printed shrunk to 83 % (its motto measures 10 pt, its body 12 pt):
  // Chromium lays the whole document out at the first page's width and shrinks every page when
  // anything is wider — here the landscape appendix's table (748 px in a 624 px portrait text
  // area; 624/748 = 0.83). A template matter (apps/documents/src/templates): the renderer prints
  // at scale 1. The results table, landscape from its first page, is not shrunk.
  it('the group report, with its landscape appendix', () => {
    const info = files.get(DocumentType.GROUP_REPORT)!;
    checkFrame(info, {
      landscape: false,
      issuer: groupName,
      recipients: true,
      words: [groupName, ...memberNames()],
    });
    expect(info.pages.some((p) => p.width > p.height)).toBe(true);
    expect(info.text).toContain('Phụ lục');
  });

  it('the invitation, addressed to the member', () => {
    checkFrame(files.get(DocumentType.INVITATION)!, {
      landscape: false,
      issuer: groupName,
      recipients: true,
      words: [groupName, 'Đắk Lắk', 'GIẤY MỜI'],
    });
  });

  it('the minutes, with every member', () => {
    checkFrame(files.get(DocumentType.MINUTES)!, {
      landscape: false,
      issuer: groupName,
      recipients: false,
      words: [groupName, ...memberNames(), 'BIÊN BẢN'],
    });
  });

  it('the proposal, with the ranking that justifies it', () => {
    checkFrame(files.get(DocumentType.PROPOSAL)!, {
      landscape: false,
      issuer: groupName,
      recipients: true,
      words: [groupName, ...memberNames(), 'TỜ TRÌNH'],
    });
  });

  it('the receipt, with the files and the verification code', () => {
    const info = files.get(DocumentType.RECEIPT)!;
    checkFrame(info, {
      landscape: false,
      issuer: 'Khối',
      recipients: false,
      words: [receiptFacts!.fileName, receiptFacts!.unitName],
    });
    expect(info.text).toContain(receiptFacts!.number);
  });
});
