import { ConferenceKind, ConferenceView, NoticeKind, RecipientKindOfAward } from '@tdkt/contracts';
import { templateContext } from '../templates/compose';
import { render } from '../templates';
import { conferenceKey, CycleNotices } from './cycle.notices';

const env = <P>(data: P) => ({ id: 'e-1', occurredAt: '2024-02-20T03:00:00Z', data });
const ctx = templateContext('https://tdkt.test', 'Cán bộ Kon Tum');
const unit = (id: string, name: string) => ({ id, code: id, name });

const conference: ConferenceView = {
  id: 'c-1',
  groupId: 'g',
  year: 2023,
  kind: ConferenceKind.OFFICIAL,
  startsAt: '2024-02-28T01:00:00Z',
  endsAt: null,
  date: '2024-02-28',
  lastDay: '2024-02-28',
  place: 'Thành phố Quy Nhơn, tỉnh Bình Định',
  hostUnit: unit('bd', 'Bình Định'),
  chairs: [{ unit: unit('bd', 'Bình Định'), role: 'CHAIR' as never }],
  programme: [
    { order: 1, at: null, title: 'Ký kết giao ước', presenterUnit: unit('ld', 'Lâm Đồng'), presenter: null },
  ],
  invitees: [{ title: 'Lãnh đạo Ban', role: null, unit: unit('ban', 'Ban TĐKT') }],
  duties: [],
  attendance: [],
  updatedAt: '2024-02-20T03:00:00Z',
};

describe('the notices of closing the year (issue 15)', () => {
  it('a dated conference: the members, chair, vice-chair and the invitees’ and host’s units; date in Vietnam', () => {
    const n = CycleNotices.conference(env({}), conference, { groupName: 'Cụm TN&DHMT' })!;
    expect(n.kind).toBe(NoticeKind.CONFERENCE_PLANNED);
    expect(n.audience).toEqual({
      anyOf: [
        { groupYear: { groupId: 'g', year: 2023 }, roles: ['MEMBERS', 'CHAIR', 'VICE_CHAIR'] },
        { unitOfficers: ['bd', 'ban'] },
      ],
    });
    const m = render(n.kind, n.params, ctx);
    expect(m.subject).toBe('Giấy mời dự Hội nghị tổng kết năm 2023 – Cụm TN&DHMT (28/02/2024)');
    expect(m.text).toContain('Thời gian: 08:00 ngày 28/02/2024 (giờ Việt Nam).');
    expect(m.text).toContain('Địa điểm: Thành phố Quy Nhơn, tỉnh Bình Định.');
    expect(m.text).toContain('1. Ký kết giao ước (Lâm Đồng)');
    expect(m.subject).toBe(m.subject.normalize('NFC'));
  });

  it('an undated conference sends nothing; the key changes with the date or the place only', () => {
    expect(CycleNotices.conference(env({}), { ...conference, startsAt: null }, {})).toBeNull();
    const k = conferenceKey(conference);
    expect(conferenceKey({ ...conference, programme: [] })).toBe(k);
    expect(conferenceKey({ ...conference, place: 'Đà Lạt' })).not.toBe(k);
    expect(conferenceKey({ ...conference, startsAt: '2024-02-29T01:00:00Z' })).not.toBe(k);
  });

  it('a returned dossier goes to the chair and vice-chair with the reason; an accepted one also to the unit', () => {
    const data = {
      dossierId: 'd-1',
      groupId: 'g',
      year: 2023,
      memberUnitId: 'kt',
      award: 'GOVERNMENT_FLAG',
      state: 'RETURNED' as never,
      by: 'u',
      reason: 'Thiếu biên bản <họp>',
      at: '2024-03-10T02:00:00Z',
    };
    const ret = CycleNotices.dossier(env(data), NoticeKind.DOSSIER_RETURNED, { unitName: 'Kon Tum' });
    expect(ret.audience).toEqual({ groupYear: { groupId: 'g', year: 2023 }, roles: ['CHAIR', 'VICE_CHAIR'] });
    const m = render(ret.kind, ret.params, ctx);
    expect(m.subject).toBe('Hồ sơ bị trả lại: Hồ sơ đề nghị Cờ thi đua của Chính phủ cho Kon Tum (năm 2023)');
    expect(m.text).toContain('Lý do: Thiếu biên bản <họp>');
    expect(m.html).toContain('Thiếu biên bản &lt;họp&gt;');
    const acc = CycleNotices.dossier(env(data), NoticeKind.DOSSIER_ACCEPTED, {});
    expect(acc.audience).toEqual({
      anyOf: [
        { groupYear: { groupId: 'g', year: 2023 }, roles: ['CHAIR', 'VICE_CHAIR'] },
        { unitOfficers: ['kt'] },
      ],
    });
    expect(CycleNotices.dossier(env(data), NoticeKind.DOSSIER_SUBMITTED, {}).audience).toEqual({
      board: true,
    });
  });

  it('a decision: the honoured units and the chairs of the dossiers’ group-years (each once)', () => {
    const line = (n: number, unitId: string) => ({
      line: n,
      award: 'CO-THI-DUA-CHINH-PHU',
      recipientKind: RecipientKindOfAward.COLLECTIVE,
      recipientUnitId: unitId,
      recipientName: unitId === 'kt' ? 'Kon Tum' : 'Gia Lai',
      dossierId: `d-${n}`,
    });
    const n = CycleNotices.decision(
      env({
        decisionId: 'q',
        number: '123/QĐ-TTg',
        signedOn: '2024-04-15',
        authority: 'Thủ tướng Chính phủ',
        signerName: 'Nguyễn Văn A',
        signerTitle: 'Phó Thủ tướng',
        corrects: null,
        recordedBy: 'u',
        awards: [line(1, 'kt'), line(2, 'gl')],
      }),
      [
        { groupId: 'g', year: 2023 },
        { groupId: 'g', year: 2023 },
      ],
      {},
    );
    expect(n.audience).toEqual({
      anyOf: [
        { unitOfficers: ['kt', 'gl'] },
        { groupYear: { groupId: 'g', year: 2023 }, roles: ['CHAIR', 'VICE_CHAIR'] },
      ],
    });
    const m = render(n.kind, n.params, ctx);
    expect(m.subject).toBe('Quyết định khen thưởng số 123/QĐ-TTg ngày 15/04/2024');
    expect(m.text).toContain('– Cờ thi đua của Chính phủ: Kon Tum');
  });
});
