/**
 * Issue 15 — the documents take the conference facts from the registry, typed once: the chair plans
 * TN&DHMT 2023's two conferences through the gateway (date and time, place, host, who chairs, the
 * programme with presenters, the invitees, the duties with due dates), and the conference plan, an
 * invitation to the official conference and the preparatory conference's minutes (attendance, next
 * year's chair and vice-chair with how they were nominated) print them. Real Postgres, NATS, S3 and
 * Chromium; the PDFs are read back with pdftotext.
 */
import 'reflect-metadata';
import { client, ok, Schema } from './support/api';
import { downloadBytes, renderDone, scoreTn2023, TN } from './support/documents';
import { pdfText } from './support/pdf';
import { login, startTestSystem, TestSystem } from './support/system';

jest.setTimeout(300_000);

const PLACE = 'Trung tâm Hội nghị tỉnh, thành phố Quy Nhơn, tỉnh Bình Định';
const OFFICIAL_PLACE = 'Khách sạn Hải Âu, thành phố Quy Nhơn, tỉnh Bình Định';

describe('documents print the conferences as planned in the registry (issue 15)', () => {
  let sys: TestSystem;
  let board: string;
  let chair: string; // Bình Định: chair of 2023
  const unit = new Map<string, string>();
  const token = (name: string) => sys.officerToken(unit.get(name) as string);
  const api = (tok: string) => client(sys, tok);
  const y2023 = { groupId: TN, year: 2023 };
  /** The rendered PDF's text, whitespace collapsed (lines wrap anywhere). */
  const printed = async (body: Schema<'RenderDocumentDto'>) => {
    const r = await renderDone(sys, chair, { format: 'PDF', ...body });
    return pdfText((await downloadBytes(sys, chair, r.document.id)).bytes).replace(/\s+/g, ' ');
  };
  const plan = (kind: Schema<'ConferenceKind'>, body: Schema<'PlanConferenceDto'>) =>
    ok(
      api(chair).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}', {
        params: { path: { ...y2023, kind } },
        body,
      }),
    );

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring', 'documents'] });
    [board, chair] = await Promise.all([login(sys, 'board'), login(sys, 'binhdinh')]);
    const members = await ok(
      api(board).GET('/api/v1/groups/{groupId}/members', {
        params: { path: { groupId: TN }, query: { year: 2023 } },
      }),
    );
    for (const m of members.items) unit.set(m.unit.name, m.unit.id);
    expect(unit.size).toBe(10);
  }, 120_000);

  afterAll(async () => {
    await sys?.stop();
  }, 60_000);

  it('a group-year with no conference planned: the plan prints the seed’s wording (place from the chair, time to be announced)', async () => {
    // ĐBSH 2023 (Thái Bình chairs) has neither a campaign nor a conference in the demo registry.
    const r = await renderDone(sys, board, {
      type: 'CONFERENCE_PLAN',
      format: 'PDF',
      groupId: 'cum-dbsh',
      year: 2023,
    });
    const text = pdfText((await downloadBytes(sys, board, r.document.id)).bytes).replace(/\s+/g, ' ');
    expect(text).toContain('Địa điểm: tỉnh Thái Bình.');
    expect(text).toContain('Thời gian: Sẽ có thông báo cụ thể sau.');
    expect(text).toContain('(Địa điểm và thời gian sẽ có Giấy mời cụ thể sau)');
    expect(text).not.toContain('chủ trì: ');
    expect(text).toContain('Tuyên bố lý do, giới thiệu đại biểu và chủ trì Hội nghị');
  });

  it('the plan prints both conferences as planned: time, place, host, chairs, programme, invitees and each unit’s duties with due dates', async () => {
    const chairs: Schema<'ConferenceChairDto'>[] = [
      { unitId: 'binh-dinh', role: 'CHAIR' },
      { unitId: 'lam-dong', role: 'VICE_CHAIR' },
    ];
    await plan('PREPARATORY', {
      startsAt: '2024-02-27T14:00:00+07:00',
      place: PLACE,
      hostUnitId: 'binh-dinh',
      chairs,
      programme: [
        { order: 1, title: 'Tuyên bố lý do, giới thiệu đại biểu và chủ trì Hội nghị' },
        {
          order: 2,
          at: '2024-02-27T14:15:00+07:00',
          title: 'Thống nhất kết quả chấm điểm thi đua năm 2023 của các tỉnh',
          presenterUnitId: 'binh-dinh',
        },
        { order: 3, title: 'Đề cử đơn vị Cụm trưởng, Cụm phó năm 2024' },
      ],
      invitees: [
        { title: 'Lãnh đạo Phòng Thi đua Khối địa phương', role: 'Đại biểu Trung ương' },
        {
          title: 'Lãnh đạo Ban Thi đua - Khen thưởng tỉnh Kon Tum',
          role: 'Đại biểu các tỉnh',
          unitId: 'kon-tum',
        },
      ],
      duties: [
        {
          holder: 'MEMBERS',
          text: 'Gửi bảng tự chấm điểm và tài liệu minh chứng về đơn vị Cụm trưởng',
          dueOn: '2024-02-04',
        },
      ],
    });
    await plan('OFFICIAL', {
      startsAt: '2024-02-28T08:00:00+07:00',
      place: OFFICIAL_PLACE,
      hostUnitId: 'binh-dinh',
      chairs,
      programme: [
        { order: 2, title: 'Báo cáo tổng kết giao ước thi đua năm 2023', presenterUnitId: 'binh-dinh' },
        { order: 1, at: '2024-02-28T07:30:00+07:00', title: 'Đón tiếp đại biểu' },
        { order: 3, title: 'Ký kết giao ước thi đua năm 2024', presenter: 'Lãnh đạo UBND tỉnh Lâm Đồng' },
      ],
      duties: [
        { holder: 'CHAIR', text: 'Hoàn thiện hồ sơ đề nghị Thủ tướng Chính phủ khen thưởng', offsetDays: 10 },
        { holder: 'VICE_CHAIR', text: 'Chủ trì thực hiện nội dung ký kết giao ước thi đua năm 2024' },
        { unitId: 'kon-tum', text: 'Chuẩn bị tham luận về công tác khen thưởng', dueOn: '2024-02-20' },
        { holder: 'MEMBERS', text: 'Các tỉnh được suy tôn lập báo cáo thành tích', offsetDays: 7 },
      ],
    });

    const text = await printed({ type: 'CONFERENCE_PLAN', groupId: TN, year: 2023 });
    // Time and place of each conference.
    expect(text).toContain(`Địa điểm: ${PLACE}.`);
    expect(text).toContain('Thời gian: 14 giờ 00, ngày 27 tháng 02 năm 2024.');
    expect(text).toContain(`Địa điểm: ${OFFICIAL_PLACE}.`);
    expect(text).toContain('Thời gian: 08 giờ 00, ngày 28 tháng 02 năm 2024.');
    expect(text).not.toContain('(Địa điểm và thời gian sẽ có Giấy mời cụ thể sau)');
    // Host and chairs.
    expect(text).toContain('Đơn vị đăng cai: UBND tỉnh Bình Định.');
    expect(text).toContain('Đồng chủ trì: UBND tỉnh Bình Định - Cụm trưởng; UBND tỉnh Lâm Đồng - Cụm phó.');
    // The programme in its order, with times and presenters.
    expect(text).toContain('14h15: Thống nhất kết quả chấm điểm thi đua năm 2023 của các tỉnh (Bình Định)');
    const order = ['07h30: Đón tiếp đại biểu', 'Báo cáo tổng kết giao ước thi đua năm 2023 (Bình Định)'].map(
      (s) => text.indexOf(s),
    );
    expect(order[0]).toBeGreaterThan(-1);
    expect(order[1]).toBeGreaterThan(order[0]);
    expect(text).toContain('Ký kết giao ước thi đua năm 2024 (Lãnh đạo UBND tỉnh Lâm Đồng)');
    // The invitees under their role.
    expect(text).toContain('Đại biểu Trung ương');
    expect(text).toContain('Lãnh đạo Phòng Thi đua Khối địa phương');
    expect(text).toContain('Lãnh đạo Ban Thi đua - Khen thưởng tỉnh Kon Tum');
    // §IV: each unit's duties with their due dates (stated, or counted from the conference).
    expect(text).toContain('1. UBND tỉnh Bình Định - Đơn vị Cụm trưởng');
    expect(text).toContain(
      'Hoàn thiện hồ sơ đề nghị Thủ tướng Chính phủ khen thưởng (thời hạn: 09/03/2024).',
    );
    expect(text).toContain('2. UBND tỉnh Lâm Đồng - Đơn vị Cụm phó');
    expect(text).toContain('3. UBND tỉnh Kon Tum');
    expect(text).toContain('Chuẩn bị tham luận về công tác khen thưởng (thời hạn: 20/02/2024).');
    expect(text).toContain('4. Các đơn vị trong Cụm thi đua');
    expect(text).toContain(
      'Gửi bảng tự chấm điểm và tài liệu minh chứng về đơn vị Cụm trưởng (thời hạn: 04/02/2024).',
    );
    expect(text).toContain('Các tỉnh được suy tôn lập báo cáo thành tích (thời hạn: 06/03/2024).');
  });

  it('an invitation to the official conference prints its date, time, place and programme', async () => {
    const text = await printed({
      type: 'INVITATION',
      groupId: TN,
      year: 2023,
      conference: 'OFFICIAL',
      unitId: unit.get('Đắk Lắk') as string,
    });
    expect(text).toContain('Lãnh đạo UBND tỉnh Đắk Lắk');
    expect(text).toContain('Thời gian: 08 giờ 00, thứ Tư, ngày 28 tháng 02 năm 2024.');
    expect(text).toContain(`Địa điểm: ${OFFICIAL_PLACE}.`);
    expect(text).toContain('Chương trình:');
    expect(text).toContain('07h30: Đón tiếp đại biểu;');
    expect(text).toContain('Ký kết giao ước thi đua năm 2024 (Lãnh đạo UBND tỉnh Lâm Đồng);');
  });

  it('the minutes record who came and how 2024’s chair and vice-chair were nominated', async () => {
    await scoreTn2023(sys, { chair, board, officer: token }, unit);
    await ok(
      api(chair).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}/attendance', {
        params: { path: { ...y2023, kind: 'PREPARATORY' } },
        body: {
          attendees: [...unit].map(([name, unitId]) => ({
            unitId,
            present: name !== 'Quảng Ngãi',
            representative: name === 'Kon Tum' ? 'Phó Chủ tịch UBND tỉnh Kon Tum' : null,
          })),
        },
      }),
    );
    await ok(
      api(chair).POST('/api/v1/groups/{groupId}/years/{year}/scoring/lock', { params: { path: y2023 } }),
    );
    await ok(
      api(chair).PUT('/api/v1/groups/{groupId}/years/{year}/nominations', {
        params: { path: y2023 },
        body: {
          chair: {
            unitId: 'kon-tum',
            method: 'ELECTION',
            candidates: [
              { unitId: 'kon-tum', votes: 7 },
              { unitId: 'gia-lai', votes: 2 },
            ],
          },
          viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
        },
      }),
    );
    const text = await printed({ type: 'MINUTES', groupId: TN, year: 2023 });
    expect(text).toContain('Vào hồi 14 giờ 00, ngày 27 tháng 02 năm 2024');
    expect(text).toContain(PLACE);
    expect(text).toContain('Phó Chủ tịch UBND tỉnh Kon Tum');
    expect(text).toContain('Vắng mặt: Quảng Ngãi.');
    expect(text).toContain(
      'Cụm trưởng: UBND tỉnh Kon Tum (bầu chọn trong số các đơn vị được đề cử: UBND tỉnh Kon Tum - 07 phiếu; UBND tỉnh Gia Lai - 02 phiếu);',
    );
    expect(text).toContain('Cụm phó: UBND tỉnh Gia Lai (theo hình thức luân phiên).');
  });
});
