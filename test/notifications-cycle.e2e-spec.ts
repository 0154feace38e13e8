/**
 * Issue 15, notifications side: each step of closing the year tells the right people once, by
 * e-mail (a real SMTP server, libs/testing SmtpTestServer) and in the inbox, in Vietnamese —
 * the conferences dated (an invitation to the members, the leaders and the invitees' units), next
 * year's chair and vice-chair confirmed, next year's covenant published by the board without the
 * signatures (naming the units that did not sign), and the honours service's dossier steps and
 * decision. Registry and scoring events come from the real services through HTTP; honours events
 * are published on its stream as honours publishes them (honours needs a locked, ranked year to
 * make one), and honours answers notifications' question about a decision's dossier. A redelivered
 * event adds nothing.
 */
import { HONOURS_STREAM, HonoursEvents, NoticeKind } from '@tdkt/contracts';
import { prefixedStream } from '@tdkt/platform';
import { expectEventually, SmtpTestServer, testInfra } from '@tdkt/testing';
import { connect } from 'nats';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SCHEME } from '../tools/demo/scored-year';
import { client, ok, type Schema } from './support/api';
import { MEMBER_UNIT } from './support/intake';
import { addOfficers, address } from './support/notifications';
import { login, startTestSystem, TestSystem } from './support/system';

jest.setTimeout(120_000);

const GROUP = 'cum-tn-dhmt';
const y2023 = { groupId: GROUP, year: 2023 };
const y2024 = { groupId: GROUP, year: 2024 };
const PLACE = 'Thành phố Quy Nhơn, tỉnh Bình Định';

describe('notifications: closing the year (conferences, leadership, covenant, dossiers, decisions)', () => {
  let sys: TestSystem;
  let smtp: SmtpTestServer;
  let db: DataSource;
  let board: string, chair: string;
  let groupId: string;
  const unitId = new Map<string, string>();
  /** Members of TN&DHMT with an officer (demo users + one added for Gia Lai). */
  let members: string[];

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    sys = await startTestSystem({
      with: ['notifications', 'scoring', 'honours'],
      notificationsEnv: {
        SMTP_HOST: smtp.host,
        SMTP_PORT: String(smtp.port),
        SMTP_RATE_PER_SECOND: '200',
        SENDER_POLL_MS: '100',
        SENDER_BACKOFF_MS: '100',
        SENDER_BACKOFF_MAX_MS: '500',
        SENDER_MAX_ATTEMPTS: '100',
      },
    });
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    members = ['binhdinh', ...(await addOfficers(db, 'gia-lai', 'gialai', 1)), 'kontum', 'lamdong'];
    [{ id: groupId }] = await db.query(`SELECT id FROM registry.groups WHERE code = $1`, [GROUP]);
    for (const code of ['gia-lai', 'kon-tum', 'binh-dinh', MEMBER_UNIT]) {
      const [u]: { id: string }[] = await db.query(`SELECT id FROM registry.units WHERE code = $1`, [code]);
      unitId.set(code, u.id);
    }
    [board, chair] = await Promise.all([login(sys, 'board'), login(sys, 'binhdinh')]);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
    await smtp?.close();
  });

  /** The e-mails of one kind whose subject contains `about`: addresses → how many. */
  const mailsAbout = (about: string) => {
    const out = new Map<string, number>();
    for (const m of smtp.messages.filter((x) => x.subject.includes(about)))
      for (const to of m.envelopeTo) out.set(to, (out.get(to) ?? 0) + 1);
    return out;
  };

  /**
   * Every one of `usernames` gets exactly one e-mail whose subject contains `about` and one inbox
   * item of `kind` with that title, and nobody else gets either; answers one of the mails.
   */
  async function onceEach(kind: NoticeKind, about: string, usernames: string[]) {
    const wanted = usernames.map(address).sort();
    await smtp.waitFor(
      (ms) => wanted.every((a) => ms.some((m) => m.envelopeTo.includes(a) && m.subject.includes(about))),
      30_000,
      `"${about}" to ${wanted.join(', ')}`,
    );
    // All deliveries of that notice sent (none left to arrive), then counted.
    await expectEventually(async () => {
      const rows: { address: string; state: string }[] = await db.query(
        `SELECT address, state FROM notifications.deliveries WHERE kind = $1 AND subject LIKE '%' || $2 || '%'
          ORDER BY address`,
        [kind, about],
      );
      expect(rows.map((r) => r.address)).toEqual(wanted);
      expect(rows.every((r) => r.state === 'SENT')).toBe(true);
    }, 20_000);
    expect(Object.fromEntries(mailsAbout(about))).toEqual(Object.fromEntries(wanted.map((a) => [a, 1])));
    const inbox: { username: string }[] = await db.query(
      `SELECT u.username FROM notifications.inbox_items i JOIN registry.users u ON u.id = i.user_id
        WHERE i.kind = $1 AND i.title LIKE '%' || $2 || '%' ORDER BY u.username`,
      [kind, about],
    );
    expect(inbox.map((r) => r.username)).toEqual([...usernames].sort());
    expect(smtp.duplicates()).toEqual([]);
    return smtp.messages.find((m) => m.subject.includes(about))!;
  }

  /** Publishes an event on the honours stream as honours would (`copies` stored messages: a redelivery). */
  async function publishHonours(subject: string, data: unknown, copies = 1, id = randomUUID()) {
    const envelope = { id, subject, occurredAt: new Date().toISOString(), data };
    const nc = await connect({ servers: testInfra().natsUrl });
    try {
      const js = nc.jetstream();
      const body = new TextEncoder().encode(JSON.stringify(envelope));
      let last = 0;
      for (let i = 0; i < copies; i += 1)
        last = (await js.publish(`${sys.prefix}.${subject}`, body, { msgID: `${id}-${i}` })).seq;
      return { envelope, last };
    } finally {
      await nc.close();
    }
  }

  /** Until notifications' durable consumer has acknowledged the stream up to `seq`. */
  async function handled(durable: string, seq: number) {
    const nc = await connect({ servers: testInfra().natsUrl });
    try {
      const jsm = await nc.jetstreamManager();
      await expectEventually(async () => {
        const info = await jsm.consumers.info(prefixedStream(sys.prefix, HONOURS_STREAM), durable);
        expect(info.ack_floor.stream_seq).toBeGreaterThanOrEqual(seq);
      }, 20_000);
    } finally {
      await nc.close();
    }
  }

  const plan = (kind: Schema<'ConferenceKind'>, body: Schema<'PlanConferenceDto'>) =>
    ok(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/conferences/{kind}', {
        params: { path: { ...y2023, kind } },
        body,
      }),
    );
  const official = (programme: Schema<'PlanConferenceDto'>['programme']): Schema<'PlanConferenceDto'> => ({
    startsAt: '2024-02-28T08:00:00+07:00',
    place: PLACE,
    hostUnitId: 'binh-dinh',
    chairs: [
      { unitId: 'binh-dinh', role: 'CHAIR' },
      { unitId: 'lam-dong', role: 'VICE_CHAIR' },
    ],
    programme,
    invitees: [
      { title: 'Lãnh đạo Ban Thi đua - Khen thưởng Trung ương' },
      { title: 'Đại diện Sở Tài chính tỉnh Hà Tĩnh (khách mời)', unitId: MEMBER_UNIT },
    ],
  });

  it('a dated conference: one invitation each to the members, the leaders and the invited units; re-planned with the same date and place, nothing more', async () => {
    await plan('PREPARATORY', {
      startsAt: '2024-02-27T08:00:00+07:00',
      place: PLACE,
      hostUnitId: 'binh-dinh',
    });
    const first = await plan(
      'OFFICIAL',
      official([{ order: 1, title: 'Thông báo kết quả chấm điểm năm 2023' }]),
    );
    expect(first.date).toBe('2024-02-28');

    await onceEach(NoticeKind.CONFERENCE_PLANNED, 'Hội nghị trù bị năm 2023', members);
    const mail = await onceEach(NoticeKind.CONFERENCE_PLANNED, 'Hội nghị tổng kết năm 2023', [
      ...members,
      'stc-hatinh',
    ]);
    expect(mail.subject).toMatch(/^Giấy mời dự Hội nghị tổng kết năm 2023 – .+ \(28\/02\/2024\)$/);
    expect(mail.text).toContain('Thời gian: 08:00 ngày 28/02/2024 (giờ Việt Nam).');
    expect(mail.text).toContain(`Địa điểm: ${PLACE}.`);
    expect(mail.text).toContain('Đại diện Sở Tài chính tỉnh Hà Tĩnh (khách mời)');
    expect(mail.text).toBe(mail.text.normalize('NFC'));

    // A programme item added: the invitation says the same, so nobody is written to again.
    await plan(
      'OFFICIAL',
      official([
        { order: 1, title: 'Thông báo kết quả chấm điểm năm 2023' },
        { order: 2, title: 'Ký kết giao ước thi đua năm 2024' },
      ]),
    );
    await expectEventually(async () => {
      const [r]: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM notifications.processed_events WHERE consumer = 'notifications-conference'`,
      );
      expect(r.n).toBe(3);
    }, 20_000);
    expect(mailsAbout('Hội nghị tổng kết năm 2023').size).toBe(5);
    const [rows]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM notifications.deliveries WHERE kind = 'CONFERENCE_PLANNED'`,
    );
    expect(rows.n).toBe(9);
  });

  it('next year’s chair and vice-chair confirmed: the members and the new leaders’ officers, once', async () => {
    await ok(
      client(sys, chair).PUT('/api/v1/groups/{groupId}/years/{year}/nominations', {
        params: { path: y2023 },
        body: {
          chair: {
            unitId: 'kon-tum',
            method: 'ELECTION',
            candidates: [
              { unitId: 'kon-tum', votes: 8 },
              { unitId: 'gia-lai', votes: 2 },
            ],
          },
          viceChair: { unitId: 'gia-lai', method: 'ROTATION' },
        },
      }),
    );
    await ok(
      client(sys, chair).POST('/api/v1/groups/{groupId}/years/{year}/nominations/confirm', {
        params: { path: y2023 },
      }),
    );
    const mail = await onceEach(
      NoticeKind.LEADERSHIP_CONFIRMED,
      'Xác nhận Cụm trưởng, Cụm phó năm 2024',
      members,
    );
    expect(mail.text).toContain('Kon Tum làm Cụm trưởng (Khối trưởng), Gia Lai làm Cụm phó (Khối phó)');
    expect(mail.text).toContain('kể từ ngày 01/01/2024');
  });

  it('the 2024 covenant published by the board without signatures: the members, naming who did not sign', async () => {
    await ok(
      client(sys, board).PUT('/api/v1/groups/{groupId}/years/{year}/scheme', {
        params: { path: y2024 },
        body: { scheme: SCHEME as Schema<'SchemeBodyModel'> },
      }),
    );
    const reason = 'Hội nghị tổng kết đã thống nhất; các tỉnh ký bổ sung sau';
    await ok(
      client(sys, board).POST('/api/v1/groups/{groupId}/years/{year}/scheme/publish', {
        params: { path: y2024 },
        body: { withoutSignatures: true, reason },
      }),
    );
    const mail = await onceEach(NoticeKind.COVENANT_PUBLISHED, 'Ban hành giao ước thi đua năm 2024', members);
    expect(mail.text).toContain('Các đơn vị chưa ký: ');
    expect(mail.text).toContain('Kon Tum');
    expect(mail.text).toContain(`lý do: ${reason}`);
  });

  it('dossier steps and the decision: board, chair and vice-chair, the honoured unit — and a redelivery adds nothing', async () => {
    const step = (state: string, reason: string | null = null) => ({
      dossierId: randomUUID(),
      groupId,
      year: 2023,
      memberUnitId: unitId.get('kon-tum'),
      award: 'GOVERNMENT_FLAG',
      state,
      by: randomUUID(),
      reason,
      at: '2024-03-10T02:30:00Z',
    });

    await publishHonours(HonoursEvents.dossierSubmitted.subject, step('SUBMITTED'));
    const submitted = await onceEach(NoticeKind.DOSSIER_SUBMITTED, 'Hồ sơ trình khen thưởng', ['board']);
    expect(submitted.subject).toBe(
      'Hồ sơ trình khen thưởng: Hồ sơ đề nghị Cờ thi đua của Chính phủ cho Kon Tum (năm 2023)',
    );
    expect(submitted.text).toContain('09:30 ngày 10/03/2024');

    const reason = 'Thiếu biên bản Hội nghị tổng kết có chữ ký';
    const returned = await publishHonours(HonoursEvents.dossierReturned.subject, step('RETURNED', reason), 1);
    // Returned: the chair and vice-chair of 2023 (Bình Định, Lâm Đồng), with the reason.
    const ret = await onceEach(NoticeKind.DOSSIER_RETURNED, 'Hồ sơ bị trả lại', ['binhdinh', 'lamdong']);
    expect(ret.text).toContain(`Lý do: ${reason}`);

    await publishHonours(HonoursEvents.dossierAccepted.subject, step('ACCEPTED'));
    await onceEach(NoticeKind.DOSSIER_ACCEPTED, 'Hồ sơ được tiếp nhận', ['binhdinh', 'kontum', 'lamdong']);

    // Gia Lai's certificate answers a decided dossier of TN&DHMT 2023 (put straight into honours'
    // table: making one through honours needs a scored, locked and ranked year): its chair and
    // vice-chair are told too, found by asking honours for the dossier.
    const dossierId = randomUUID();
    await db.query(
      `INSERT INTO honours.dossiers (id, group_id, year, member_unit_id, member_unit_name, award, award_form,
         rank, total, state, parts, created_by)
       VALUES ($1, $2, 2023, $3, 'Gia Lai', 'PM_CERTIFICATE', 'BK-THU-TUONG', 2, 95, 'DECIDED', '[]'::jsonb, $4)`,
      [dossierId, groupId, unitId.get('gia-lai'), randomUUID()],
    );
    await publishHonours(HonoursEvents.decisionRecorded.subject, {
      decisionId: randomUUID(),
      number: '245/QĐ-TTg',
      signedOn: '2024-04-15',
      authority: 'Thủ tướng Chính phủ',
      signerName: 'Trần Lưu Quang',
      signerTitle: 'Phó Thủ tướng',
      corrects: null,
      recordedBy: randomUUID(),
      awards: [
        {
          line: 1,
          award: 'CO-THI-DUA-CHINH-PHU',
          recipientKind: 'COLLECTIVE',
          recipientUnitId: unitId.get('kon-tum'),
          recipientName: 'Kon Tum',
          dossierId: null,
        },
        {
          line: 2,
          award: 'BK-THU-TUONG',
          recipientKind: 'COLLECTIVE',
          recipientUnitId: unitId.get('gia-lai'),
          recipientName: 'Gia Lai',
          dossierId,
        },
      ],
    });
    const decision = await onceEach(
      NoticeKind.DECISION_RECORDED,
      'Quyết định khen thưởng số 245/QĐ-TTg',
      members, // Kon Tum, Gia Lai (honoured), Bình Định and Lâm Đồng (chair and vice-chair of 2023)
    );
    expect(decision.text).toContain('– Cờ thi đua của Chính phủ: Kon Tum');
    expect(decision.text).toContain('– Bằng khen của Thủ tướng Chính phủ: Gia Lai');

    // The returned event stored twice more (as JetStream redelivers it): acknowledged, nothing new.
    const again = await publishHonours(
      HonoursEvents.dossierReturned.subject,
      returned.envelope.data,
      2,
      returned.envelope.id,
    );
    await handled('notifications-dossier-returned', again.last);
    expect(Object.fromEntries(mailsAbout('Hồ sơ bị trả lại'))).toEqual({
      [address('binhdinh')]: 1,
      [address('lamdong')]: 1,
    });
    const [r]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM notifications.deliveries WHERE source_key = $1`,
      [returned.envelope.id],
    );
    expect(r.n).toBe(2);
  });
});
