/**
 * Evidence file types and how to recognise them from their first bytes. A client declares a type;
 * intake only counts a file whose bytes match it (a renamed .exe is not a PDF).
 */

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOC = 'application/msword';
export const XLS = 'application/vnd.ms-excel';
export const JPEG = 'image/jpeg';
export const PNG = 'image/png';
export const MP4 = 'video/mp4';

export const KNOWN_TYPES = [PDF, DOCX, XLSX, DOC, XLS, JPEG, PNG, MP4] as const;

/** How many leading bytes `matchesDeclaredType` wants to see (OOXML part names sit in the first entries). */
export const SNIFF_BYTES = 64 * 1024;

const MB = 1024 * 1024;

/** Default limits per submission kind: content type → largest size in bytes. Configurable per deployment. */
export const DEFAULT_FILE_RULES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  SELF_SCORE: { [PDF]: 50 * MB, [XLSX]: 50 * MB, [XLS]: 50 * MB, [DOCX]: 50 * MB, [DOC]: 50 * MB },
  ANNUAL_REPORT: { [PDF]: 50 * MB, [DOCX]: 50 * MB, [DOC]: 50 * MB },
  SIX_MONTH_REPORT: { [PDF]: 50 * MB, [DOCX]: 50 * MB, [DOC]: 50 * MB },
  ACHIEVEMENT_REPORT: { [PDF]: 50 * MB, [DOCX]: 50 * MB, [DOC]: 50 * MB },
  EVIDENCE: {
    [PDF]: 50 * MB,
    [DOCX]: 50 * MB,
    [XLSX]: 50 * MB,
    [DOC]: 50 * MB,
    [XLS]: 50 * MB,
    [JPEG]: 50 * MB,
    [PNG]: 50 * MB,
    [MP4]: 500 * MB,
  },
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function contains(b: Uint8Array, text: string): boolean {
  const needle = ascii(text);
  outer: for (let i = 0; i + needle.length <= b.length; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Whether the first bytes of a file are consistent with its declared type; `null` when they are,
 * else the reason (Vietnamese, shown to the member). OOXML files are ZIP archives: a .docx must not
 * turn out to be a workbook and vice versa (judged from the part names seen in the first bytes).
 */
export function typeMismatch(declared: string, head: Uint8Array): string | null {
  const bad = (what: string) => `nội dung tệp không phải là ${what}`;
  switch (declared) {
    case PDF: {
      // Readers accept the header within the first 1024 bytes.
      return contains(head.subarray(0, 1024), '%PDF-') ? null : bad('tài liệu PDF');
    }
    case DOCX:
      if (!startsWith(head, ZIP)) return bad('văn bản Word (.docx)');
      return contains(head, 'xl/') && !contains(head, 'word/')
        ? 'tệp là bảng tính Excel, không phải văn bản Word'
        : null;
    case XLSX:
      if (!startsWith(head, ZIP)) return bad('bảng tính Excel (.xlsx)');
      return contains(head, 'word/') && !contains(head, 'xl/')
        ? 'tệp là văn bản Word, không phải bảng tính Excel'
        : null;
    case DOC:
      return startsWith(head, OLE2) ? null : bad('văn bản Word 97–2003 (.doc)');
    case XLS:
      return startsWith(head, OLE2) ? null : bad('bảng tính Excel 97–2003 (.xls)');
    case JPEG:
      return startsWith(head, [0xff, 0xd8, 0xff]) ? null : bad('ảnh JPEG');
    case PNG:
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? null : bad('ảnh PNG');
    case MP4:
      return startsWith(head, ascii('ftyp'), 4) ? null : bad('video MP4');
    default:
      return `kiểu tệp ${declared} không được hỗ trợ`;
  }
}

/** The limit for a declared type in a kind, or why it is not allowed (with the types that are). */
export function fileRule(
  rules: Readonly<Record<string, Readonly<Record<string, number>>>>,
  kind: string,
  contentType: string,
): { maxBytes: number } | { problem: string; allowed: string[] } {
  const forKind = rules[kind];
  const max = forKind?.[contentType];
  if (max === undefined) {
    const allowed = Object.keys(forKind ?? {});
    return {
      problem: `${contentType} is not accepted for ${kind} (allowed: ${allowed.join(', ') || 'none'})`,
      allowed,
    };
  }
  return { maxBytes: max };
}
