import { NoticeKind } from '@tdkt/contracts';
import { templateContext } from './compose';
import { render } from './index';

const ctx = templateContext('https://tdkt.example.gov.vn/', 'Cán bộ <Sở Tài chính>');
const reminder = (daysLeft: number, extra: Record<string, unknown> = {}) =>
  render(
    NoticeKind.DEADLINE_REMINDER,
    {
      groupId: 'g-1',
      year: 2026,
      milestoneTitle: 'Gửi báo cáo <tổng kết>',
      submissionKinds: ['ANNUAL_REPORT', 'SELF_SCORE'],
      deadlineOn: '2027-02-05',
      deadlineAt: '2027-02-05T16:59:59.999Z',
      daysLeft,
      offset: 'D-7',
      ...extra,
    },
    ctx,
  );

describe('reminder and digest templates', () => {
  it('a reminder says what is missing, the deadline in Vietnam and the days left; HTML escaped', () => {
    const m = reminder(7);
    expect(m.subject).toBe('Nhắc hạn nộp: Gửi báo cáo <tổng kết> – còn 7 ngày (hạn 05/02/2027)');
    expect(m.text).toContain(
      'Đơn vị của đồng chí chưa nộp: Báo cáo tổng kết năm, Bảng tự chấm điểm (năm 2026).',
    );
    expect(m.text).toContain('hết hạn vào cuối ngày 05/02/2027 (23:59 giờ Việt Nam): còn 7 ngày.');
    expect(m.text).toContain('https://tdkt.example.gov.vn/campaigns/g-1/2026');
    expect(m.html).toContain('Gửi báo cáo &lt;tổng kết&gt;');
    expect(m.html).not.toContain('<tổng kết>');
    expect(m.html).toContain('Cán bộ &lt;Sở Tài chính&gt;');
  });

  it('the last day, and a notice for one unit names it', () => {
    const m = reminder(0, { unitName: 'Sở Tài chính Hà Tĩnh' });
    expect(m.subject).toContain('hôm nay (05/02/2027) là ngày cuối cùng');
    expect(m.text).toContain('Sở Tài chính Hà Tĩnh chưa nộp');
    expect(m.text).toContain(': hôm nay là ngày cuối cùng.');
  });

  it('the digest: one line per group-year under the day', () => {
    const m = render(
      NoticeKind.DAILY_DIGEST,
      {
        date: '2027-02-04',
        lines: ['Cụm <TN&DHMT> (2026): 12 đơn vị đã nộp hôm nay; còn 3 đơn vị chưa nộp'],
      },
      ctx,
    );
    expect(m.subject).toBe('Tổng hợp nộp hồ sơ 04/02/2027');
    expect(m.text).toContain('• Cụm <TN&DHMT> (2026): 12 đơn vị đã nộp hôm nay; còn 3 đơn vị chưa nộp');
    expect(m.html).toContain('Cụm &lt;TN&amp;DHMT&gt; (2026)');
  });
});
