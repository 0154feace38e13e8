import { VN_TIME_ZONE } from '@tdkt/domain';
import type { Rendered, TemplateContext } from './template';

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function parts(f: Intl.DateTimeFormat, iso: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/** "14:05 ngày 04/02/2024" in Asia/Ho_Chi_Minh. */
export function vnDateTime(iso: string): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return String(iso ?? '');
  const p = parts(DATE_TIME, iso);
  return `${p.hour}:${p.minute} ngày ${p.day}/${p.month}/${p.year}`;
}

/** "04/02/2024" in Asia/Ho_Chi_Minh (a calendar date `YYYY-MM-DD` is shown as is). */
export function vnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  if (!iso || Number.isNaN(Date.parse(iso))) return String(iso ?? '');
  const p = parts(DATE, iso);
  return `${p.day}/${p.month}/${p.year}`;
}

export function templateContext(frontendBaseUrl: string, recipientName: string): TemplateContext {
  const base = frontendBaseUrl.replace(/\/+$/, '');
  return {
    recipientName,
    link: (path) => `${base}/${path.replace(/^\/+/, '')}`,
    dateTime: vnDateTime,
    date: vnDate,
    esc: escapeHtml,
  };
}

/** A message of a few paragraphs and one link, as text and as escaped HTML. */
export function compose(
  ctx: TemplateContext,
  m: { subject: string; paragraphs: string[]; link?: { href: string; label: string } },
): Rendered {
  const greeting = `Kính gửi ${ctx.recipientName},`;
  const footer = 'Thư này được gửi tự động từ Hệ thống Thi đua – Khen thưởng; vui lòng không trả lời thư.';
  const text = [
    greeting,
    '',
    ...m.paragraphs.flatMap((p) => [p, '']),
    ...(m.link ? [`${m.link.label}: ${m.link.href}`, ''] : []),
    '--',
    footer,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head>',
    '<body style="font-family: Arial, sans-serif; font-size: 14px; color: #222">',
    `<p>${ctx.esc(greeting)}</p>`,
    ...m.paragraphs.map((p) => `<p>${ctx.esc(p)}</p>`),
    ...(m.link ? [`<p><a href="${ctx.esc(m.link.href)}">${ctx.esc(m.link.label)}</a></p>`] : []),
    `<hr><p style="color:#777;font-size:12px">${ctx.esc(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: m.subject, text, html, ...(m.link ? { link: m.link.href } : {}) };
}

export const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback;

/** Vietnamese names of the submission kinds (libs/contracts SubmissionKind). */
export const SUBMISSION_KIND_NAMES: Record<string, string> = {
  SELF_SCORE: 'Bảng tự chấm điểm',
  ANNUAL_REPORT: 'Báo cáo tổng kết năm',
  SIX_MONTH_REPORT: 'Báo cáo sơ kết 6 tháng',
  ACHIEVEMENT_REPORT: 'Báo cáo thành tích',
  EVIDENCE: 'Tài liệu minh chứng',
};

export const kindName = (v: unknown): string => SUBMISSION_KIND_NAMES[str(v)] ?? str(v, 'Hồ sơ');

/**
 * "Báo cáo 6 tháng năm 2026", "Báo cáo tổng kết năm 2026": the kind with its year, without saying
 * "năm" twice when the kind's name ends with it.
 */
export const kindOfYear = (kind: unknown, year: unknown): string => {
  const name = kindName(kind);
  return /(^|\s)năm$/u.test(name) ? `${name} ${str(year)}` : `${name} năm ${str(year)}`;
};
