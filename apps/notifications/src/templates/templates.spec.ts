import { kindOfYear } from './compose';
import { NOTICE_KINDS, NoticeKind } from '@tdkt/contracts';
import { templateContext, vnDate, vnDateTime } from './compose';
import { render, TEMPLATES } from './index';

const ctx = templateContext('https://tdkt.example.gov.vn/', 'Cán bộ <Sở Tài chính>');

describe('templates', () => {
  it('dates and times are read in Asia/Ho_Chi_Minh', () => {
    expect(vnDateTime('2024-02-04T17:05:09Z')).toBe('00:05 ngày 05/02/2024');
    expect(vnDate('2024-02-04T17:05:09Z')).toBe('05/02/2024');
    expect(vnDate('2026-11-29')).toBe('29/11/2026');
  });

  it('a receipt: Vietnamese subject, time in Vietnam, link under the base URL, HTML escaped', () => {
    const m = render(
      NoticeKind.SUBMISSION_RECEIPTED,
      {
        submissionId: 's-1',
        submissionKind: 'ANNUAL_REPORT',
        unitName: 'Sở Tài chính <Hà Tĩnh>',
        groupName: 'Khối kinh tế',
        year: 2026,
        receiptNumber: '2026-000042',
        submittedAt: '2026-11-28T03:00:00Z',
        late: true,
        fileCount: 2,
      },
      ctx,
    );
    expect(m.subject).toBe('Biên nhận hồ sơ số 2026-000042 – Báo cáo tổng kết năm 2026');
    expect(m.text).toContain('lúc 10:00 ngày 28/11/2026 (giờ Việt Nam)');
    expect(m.text).toContain('nộp muộn');
    expect(m.text).toContain('https://tdkt.example.gov.vn/submissions/s-1/receipts');
    expect(m.link).toBe('https://tdkt.example.gov.vn/submissions/s-1/receipts');
    expect(m.html).toContain('Sở Tài chính &lt;Hà Tĩnh&gt;');
    expect(m.html).toContain('Kính gửi Cán bộ &lt;Sở Tài chính&gt;');
    expect(m.html).not.toContain('<Hà Tĩnh>');
  });

  it('a return carries its reason', () => {
    const m = render(NoticeKind.SUBMISSION_RETURNED, { reason: 'Thiếu "phụ lục" & chữ ký', year: 2026 }, ctx);
    expect(m.text).toContain('Lý do: Thiếu "phụ lục" & chữ ký');
    expect(m.html).toContain('Lý do: Thiếu &quot;phụ lục&quot; &amp; chữ ký');
  });

  it('every kind renders something (its template or the generic one)', () => {
    for (const kind of NOTICE_KINDS) {
      const m = render(kind, { title: 'Tiêu đề', body: 'Nội dung', year: 2026 }, ctx);
      expect(m.subject.length).toBeGreaterThan(0);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.html).toContain('<!doctype html>');
    }
    expect(Object.keys(TEMPLATES).length).toBeGreaterThanOrEqual(10);
  });

  it('a kind with its year says "năm" once', () => {
    expect(kindOfYear('ANNUAL_REPORT', 2026)).toMatch(/[^m] năm 2026$|^[^n]*năm 2026$/);
    expect(kindOfYear('ANNUAL_REPORT', 2026)).not.toContain('năm năm');
    expect(kindOfYear('SIX_MONTH_REPORT', 2026)).toMatch(/ năm 2026$/);
    expect(kindOfYear('SIX_MONTH_REPORT', 2026)).not.toContain('năm năm');
  });
});
