import {
  DEFAULT_FILE_RULES,
  DOC,
  DOCX,
  fileRule,
  JPEG,
  MP4,
  PDF,
  PNG,
  typeMismatch,
  XLSX,
} from './file-types';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const ZIP = [0x50, 0x4b, 0x03, 0x04];

describe('typeMismatch', () => {
  it('accepts the real signatures', () => {
    expect(typeMismatch(PDF, bytes('%PDF-1.7\n'))).toBeNull();
    expect(typeMismatch(JPEG, bytes([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(typeMismatch(PNG, bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(typeMismatch(MP4, bytes([0, 0, 0, 0x20], 'ftypisom'))).toBeNull();
    expect(typeMismatch(DOC, bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBeNull();
    expect(typeMismatch(DOCX, bytes(ZIP, '....[Content_Types].xml....word/document.xml'))).toBeNull();
    expect(typeMismatch(XLSX, bytes(ZIP, '....xl/workbook.xml'))).toBeNull();
  });

  it('finds a PDF header after a little leading junk, as readers do', () => {
    expect(typeMismatch(PDF, bytes('\r\n\r\n%PDF-1.4'))).toBeNull();
  });

  it('refuses a renamed executable and other mismatches, with a reason', () => {
    const exe = bytes('MZ', [0x90, 0, 3, 0]);
    for (const t of [PDF, DOCX, XLSX, DOC, JPEG, PNG, MP4])
      expect(typeMismatch(t, exe)).toMatch(/^nội dung tệp không phải là /);
    expect(typeMismatch(DOCX, bytes(ZIP, 'xl/workbook.xml'))).toBe(
      'tệp là bảng tính Excel, không phải văn bản Word',
    );
    expect(typeMismatch(XLSX, bytes(ZIP, 'word/document.xml'))).toBe(
      'tệp là văn bản Word, không phải bảng tính Excel',
    );
    expect(typeMismatch(PDF, bytes())).toMatch(/không phải là tài liệu PDF/);
    expect(typeMismatch('application/x-msdownload', exe)).toMatch(/không được hỗ trợ/);
  });
});

describe('fileRule', () => {
  it('gives the limit of an allowed type and names the allowed ones otherwise', () => {
    expect(fileRule(DEFAULT_FILE_RULES, 'EVIDENCE', MP4)).toEqual({ maxBytes: 500 * 1024 * 1024 });
    expect(fileRule(DEFAULT_FILE_RULES, 'ANNUAL_REPORT', PDF)).toEqual({ maxBytes: 50 * 1024 * 1024 });
    const r = fileRule(DEFAULT_FILE_RULES, 'ANNUAL_REPORT', MP4);
    expect('problem' in r && r.problem).toMatch(
      /video\/mp4 is not accepted for ANNUAL_REPORT.*application\/pdf/,
    );
    expect('allowed' in r && r.allowed).toContain(PDF);
  });
});
