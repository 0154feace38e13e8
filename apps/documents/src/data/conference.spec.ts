import type { ConferenceView, DutyView } from '@tdkt/contracts';
import { conferencePlanDoc } from '../templates/conference-plan';
import { invitationDoc } from '../templates/invitation';
import { minutesDoc } from '../templates/minutes';
import {
  SAMPLE_CONFERENCE_PLAN,
  SAMPLE_GROUP,
  SAMPLE_INVITATION,
  SAMPLE_MINUTES,
} from '../templates/samples';
import type { Doc } from '../templates/doc';
import { dutiesOf } from './gather';

/** Issue 15: the conference facts as the registry has them, printed once. */

const ref = (id: string, name: string) => ({ id, code: id, name });
const duty = (d: Partial<DutyView> & { text: string }): DutyView => ({
  unit: null,
  holder: null,
  dueOn: null,
  offsetDays: null,
  ...d,
});
const conference = (kind: 'PREPARATORY' | 'OFFICIAL', duties: DutyView[]): ConferenceView => ({
  id: kind,
  groupId: SAMPLE_GROUP.id,
  year: 2023,
  kind: kind as ConferenceView['kind'],
  startsAt: null,
  endsAt: null,
  date: null,
  lastDay: null,
  place: null,
  hostUnit: null,
  chairs: [],
  programme: [],
  invitees: [],
  duties,
  attendance: [],
  updatedAt: '2024-01-01T00:00:00Z',
});

/** The document's text, its blocks flattened (enough to look for a sentence). */
function textOf(doc: Doc): string {
  return JSON.stringify(doc.body);
}

describe('dutiesOf (seed 000 §IV from the planned conferences)', () => {
  it('none planned: undefined, so the template writes the seed’s duties', () => {
    expect(dutiesOf([], SAMPLE_GROUP)).toBeUndefined();
    expect(dutiesOf([conference('OFFICIAL', [])], SAMPLE_GROUP)).toBeUndefined();
  });

  it('one heading per unit — chair, vice-chair, other units in the members’ order, every member last — each duty with its due date', () => {
    const got = dutiesOf(
      [
        conference('OFFICIAL', [
          duty({ holder: 'MEMBERS' as DutyView['holder'], text: 'Lập báo cáo thành tích', offsetDays: 7 }),
          duty({ unit: ref('kon-tum', 'Kon Tum'), text: 'Chuẩn bị tham luận.', dueOn: '2024-02-20' }),
          duty({ holder: 'VICE_CHAIR' as DutyView['holder'], text: 'Chủ trì ký kết giao ước' }),
          duty({ unit: ref('binh-dinh', 'Bình Định'), text: 'Đón tiếp đại biểu', dueOn: '2024-02-27' }),
          duty({ unit: ref('dak-lak', 'Đắk Lắk'), text: 'Văn nghệ chào mừng' }),
        ]),
        conference('PREPARATORY', [
          duty({
            holder: 'CHAIR' as DutyView['holder'],
            text: 'Dự thảo báo cáo tổng kết',
            dueOn: '2024-02-04',
          }),
          duty({
            holder: 'MEMBERS' as DutyView['holder'],
            text: 'Gửi báo cáo thành tích sau Hội nghị 07 ngày',
            offsetDays: 7,
          }),
        ]),
      ],
      SAMPLE_GROUP,
    );
    expect(got?.duties).toEqual([
      {
        heading: 'Tỉnh Bình Định - Đơn vị Cụm trưởng',
        items: [
          'Dự thảo báo cáo tổng kết (thời hạn: 04/02/2024).',
          'Đón tiếp đại biểu (thời hạn: 27/02/2024).',
        ],
      },
      { heading: 'Tỉnh Lâm Đồng - Đơn vị Cụm phó', items: ['Chủ trì ký kết giao ước.'] },
      { heading: 'UBND tỉnh Đắk Lắk', items: ['Văn nghệ chào mừng.'] },
      { heading: 'UBND tỉnh Kon Tum', items: ['Chuẩn bị tham luận (thời hạn: 20/02/2024).'] },
      {
        heading: 'Các đơn vị trong Cụm thi đua',
        items: [
          // Undated: the offset, unless the text says it already.
          'Gửi báo cáo thành tích sau Hội nghị 07 ngày.',
          'Lập báo cáo thành tích (07 ngày sau Hội nghị tổng kết).',
        ],
      },
    ]);
  });
});

describe('templates with the planned facts', () => {
  it('the plan names the host and the co-chairs when planned, and nothing more when not', () => {
    const planned = conferencePlanDoc({
      ...SAMPLE_CONFERENCE_PLAN,
      official: {
        ...SAMPLE_CONFERENCE_PLAN.official,
        host: 'UBND tỉnh Bình Định',
        chairs: ['UBND tỉnh Bình Định - Cụm trưởng', 'UBND tỉnh Lâm Đồng - Cụm phó'],
      },
    });
    expect(textOf(planned)).toContain('Đơn vị đăng cai: UBND tỉnh Bình Định.');
    expect(textOf(planned)).toContain(
      'Đồng chủ trì: UBND tỉnh Bình Định - Cụm trưởng; UBND tỉnh Lâm Đồng - Cụm phó.',
    );
    expect(textOf(conferencePlanDoc(SAMPLE_CONFERENCE_PLAN))).not.toContain('Đơn vị đăng cai');
  });

  it('the invitation prints the planned programme, and none when none is planned', () => {
    const c = { ...SAMPLE_INVITATION.conference, programme: [{ time: '07h30', text: 'Đón tiếp đại biểu' }] };
    expect(textOf(invitationDoc({ ...SAMPLE_INVITATION, conference: c }))).toContain(
      '07h30: Đón tiếp đại biểu;',
    );
    expect(
      textOf(invitationDoc({ ...SAMPLE_INVITATION, conference: { ...c, programme: null } })),
    ).not.toContain('Chương trình: ');
  });

  it('the minutes say how next year’s chair and vice-chair were nominated', () => {
    const text = textOf(
      minutesDoc({
        ...SAMPLE_MINUTES,
        nextChair: { unitId: 'kon-tum', name: 'UBND tỉnh Kon Tum' },
        nextViceChair: { unitId: 'gia-lai', name: 'UBND tỉnh Gia Lai' },
        nominations: {
          chair: {
            method: 'ELECTION',
            candidates: [
              { name: 'UBND tỉnh Kon Tum', votes: 7 },
              { name: 'UBND tỉnh Gia Lai', votes: 2 },
            ],
          },
          viceChair: { method: 'ROTATION', candidates: [] },
        },
      }),
    );
    expect(text).toContain(
      'Cụm trưởng: UBND tỉnh Kon Tum (bầu chọn trong số các đơn vị được đề cử: UBND tỉnh Kon Tum - 07 phiếu; UBND tỉnh Gia Lai - 02 phiếu);',
    );
    expect(text).toContain('Cụm phó: UBND tỉnh Gia Lai (theo hình thức luân phiên).');
  });
});
