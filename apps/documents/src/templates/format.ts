import { formatVietnameseDate, slugify, VN_TIME_ZONE } from '@tdkt/domain';
import type { DocumentHead, GroupMember, GroupYear, HonourAward } from './model';

/**
 * Text helpers shared by the templates: escaping, Vietnamese dates and numbers, capitals.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The one HTML escape: every interpolated value goes through it (text and attribute values). */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A blank left to fill by hand: non-breaking spaces, so HTML keeps its width. */
export const BLANK = '\u00a0'.repeat(8);

/** Capitals as Vietnamese writes them ("Đắk Lắk" → "ĐẮK LẮK"). */
export function upper(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi');
}

/** Decree 30: numbers below 10 get a leading 0. */
export function pad2(n: number): string {
  return n >= 0 && n < 10 && Number.isInteger(n) ? `0${n}` : String(n);
}

/** "ngày 04 tháng 12 năm 2023"; a missing date leaves blanks to fill by hand. */
export function dateWords(date: string | null | undefined, draftYear?: number | null): string {
  if (date) return formatVietnameseDate(date);
  return `ngày${BLANK}tháng${BLANK}năm ${draftYear ?? '20…'}`;
}

/** "04/12/2023" (Decree 30 padding: day < 10 and months 1–2… the seeds pad every month in numeric form). */
export function dateShort(date: string | null | undefined): string {
  if (!date) return '…/…/…';
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** "Bình Định, ngày 04 tháng 12 năm 2023". */
export function placeDate(head: DocumentHead): string {
  return `${head.place}, ${dateWords(head.date, head.draftYear)}`;
}

/** "Số: 214/KH-CTĐTN&DHMT" ("Số:      /KH-…" while unnumbered; 01–09 padded). */
export function numberSymbol(head: DocumentHead): string {
  const n = head.number;
  let num: string;
  if (n === null || n === undefined || n === '') num = BLANK;
  else if (typeof n === 'number') num = pad2(n);
  else num = /^\d$/.test(n.trim()) ? `0${n.trim()}` : n.trim();
  return head.symbol ? `Số: ${num}/${head.symbol}` : `Số: ${num}`;
}

const VN_INSTANT = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "14 giờ 05 phút 09 giây, ngày 04/02/2024 (giờ Việt Nam, UTC+7)" from an ISO instant. */
export function instantWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(VN_INSTANT.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.hour} giờ ${parts.minute} phút ${parts.second} giây, ngày ${parts.day}/${parts.month}/${parts.year} (giờ Việt Nam, UTC+7)`;
}

/** Points as Vietnamese writes them: "95,5"; up to 2 decimals; null: "-". */
export function points(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '-';
  const r = Math.round(n * 100) / 100;
  return String(r).replace('.', ',');
}

/** A count: "1.527" with the Vietnamese thousands dot; 0 as the seeds print it: "-". */
export function count(n: number | null | undefined, zero = '-'): string {
  if (n === null || n === undefined) return '';
  if (n === 0) return zero;
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "1,5 MB" / "842 KB" / "512 byte", with the exact byte count. */
export function fileSize(bytes: number): string {
  const exact = count(bytes, '0');
  if (bytes < 1024) return `${exact} byte`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${String(Math.round(v * 10) / 10).replace('.', ',')} ${units[u]} (${exact} byte)`;
}

/** The honour awards of the rules, in words. */
export function honourName(award: HonourAward): string {
  switch (award) {
    case 'GOVERNMENT_FLAG':
    case 'CO-THI-DUA-CHINH-PHU':
      return 'Cờ thi đua của Chính phủ';
    case 'PM_CERTIFICATE':
    case 'BK-THU-TUONG':
      return 'Bằng khen của Thủ tướng Chính phủ';
    case 'PROVINCE_FLAG':
    case 'CO-THI-DUA-TINH':
      return 'Cờ thi đua của Ủy ban nhân dân tỉnh';
    default:
      return award;
  }
}

/** A unit's name inside a sentence: "Tỉnh Bình Định" → "tỉnh Bình Định" (names that are proper nouns throughout stay). */
export function inProse(name: string): string {
  return /^(Tỉnh|Thành phố|Huyện|Quận|Thị xã) /u.test(name)
    ? name[0].toLocaleLowerCase('vi') + name.slice(1)
    : name;
}

/** The group's words: "Cụm thi đua" / "Khối thi đua"; its leader "Cụm trưởng" / "Trưởng khối". */
export function groupWords(g: GroupYear): { group: string; chair: string; vice: string } {
  return g.kind === 'CLUSTER'
    ? { group: 'Cụm thi đua', chair: 'Cụm trưởng', vice: 'Cụm phó' }
    : { group: 'Khối thi đua', chair: 'Trưởng khối', vice: 'Phó trưởng khối' };
}

/** Member lookup by id (a missing id prints the id, never crashes a render). */
export function memberIndex(g: GroupYear): (id: string) => GroupMember {
  const byId = new Map(g.members.map((m) => [m.id, m]));
  return (id) => byId.get(id) ?? { id, name: id, subgroupId: null };
}

export function subgroupName(g: GroupYear, id: string | null): string | null {
  if (id === null) return null;
  return g.subgroups.find((s) => s.id === id)?.name ?? id;
}

/** The short name of a group ("TN&DHMT"), given or from the initials of its name after "các tỉnh". */
export function groupShort(g: GroupYear): string {
  if (g.shortName) return g.shortName;
  const tail = g.name.replace(/^(Cụm|Khối) thi đua (các tỉnh|các)?\s*/i, '');
  return upper(
    tail
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .map((w) => w[0])
      .join(''),
  );
}

/** ASCII file base name from parts: "KH-214-CTDTN-DHMT-2023". */
export function fileBase(...parts: (string | number | null | undefined)[]): string {
  return (
    parts
      .filter((p) => p !== null && p !== undefined && String(p).trim() !== '')
      .map((p) => slugify(String(p).replace(/&/g, '-')).toUpperCase())
      .filter((p) => p.length > 0)
      .join('-')
      .slice(0, 120) || 'VAN-BAN'
  );
}
