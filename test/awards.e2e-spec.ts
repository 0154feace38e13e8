/**
 * Award statistics through the gateway — golden: the appendix of seed 002 (TN&DHMT, H1 2023)
 * imported as the report's table: the cross-table reproduces all 14 reported totals and the two
 * rows with a lost cell are flagged, never guessed.
 */
import 'reflect-metadata';
import golden from '../libs/domain/src/awards/golden/awards-2023-h1-tn-dhmt.json';
import ExcelJS from 'exceljs';
import { INestApplication } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { UploadsService } from '../apps/awards/src/uploads/uploads.service';
import { putToStorage } from './support/intake';
import { DataSource } from 'typeorm';
import { http, login, startTestSystem, TestSystem } from './support/system';
import {
  type ApiClient,
  client,
  ok,
  refused,
  reply,
  statusOf,
  success,
  type Problem,
  type Schema,
} from './support/api';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Imports of tens of thousands of lines take seconds; two CI runs may share the machine.
jest.setTimeout(120_000);

describe('awards through the gateway', () => {
  let sys: TestSystem;
  let db: DataSource;
  let board: string;
  const body = {
    from: '2023-01-01',
    to: '2023-06-30',
    title: 'Kết quả khen thưởng 6 tháng đầu năm 2023',
    units: golden.provinces,
    rows: golden.rows.map((r) => ({ award: r.award, counts: r.counts, reportedTotal: r.reportedTotal })),
  };
  const tables = async () => Number((await db.query('SELECT count(*) n FROM awards.aggregate_tables'))[0].n);
  const post = (token: string, body: Schema<'ImportAggregateDto'>) =>
    client(sys, token).POST('/api/v1/groups/{groupId}/awards/aggregates', {
      params: { path: { groupId: 'cum-tn-dhmt' } },
      body,
    });

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['awards'] });
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    board = await login(sys, 'board');
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
  });

  it('golden: all 14 reported totals reproduced, the two rows with a lost cell flagged', async () => {
    const r = await ok(post(board, body), 201);
    expect(r.table.rows).toHaveLength(14);
    for (const g of golden.rows) {
      const row = r.rows.find((x) => x.award === g.award);
      expect(r.table.rows.find((x) => x.code === row?.awardCode)?.total).toBe(g.reportedTotal);
    }
    expect(r.flaggedRows).toBe(2);
    expect(
      r.rows.filter((x) => x.flags.length).map((x) => [x.award, x.flags[0].kind, x.flags[0].unit]),
    ).toEqual([
      ['Huân chương Độc lập (các hạng)', 'MISSING_CELL', 'Quảng Ngãi'],
      ['Chiến sĩ thi đua toàn quốc', 'MISSING_CELL', 'Quảng Ngãi'],
    ]);
    expect(r.table.grandTotal).toBe(golden.rows.reduce((a, x) => a + x.reportedTotal, 0));
    // The same table again: the same import, nothing new.
    const again = await ok(post(board, body));
    expect(again.id).toBe(r.id);
    expect(await tables()).toBe(1);
    expect(
      (
        await ok(
          client(sys, board).GET('/api/v1/awards/aggregates/{tableId}', {
            params: { path: { tableId: r.id } },
          }),
        )
      ).flaggedRows,
    ).toBe(2);
  });

  it('an unknown award type or a negative count refuses the whole table; others may not import', async () => {
    const before = await tables();
    const unknown = await refused(
      post(board, {
        ...body,
        rows: [
          ...body.rows,
          { award: 'Huân chương Trăng vàng', counts: body.units.map(() => 0), reportedTotal: 0 },
        ],
      }),
      400,
    );
    expect(unknown.code).toBe('AWARD_TYPE_UNKNOWN');
    expect(unknown.errors).toEqual([
      {
        field: 'body.rows[14]',
        message: 'dòng 15: "Huân chương Trăng vàng" không phải loại khen thưởng trong danh mục',
      },
    ]);
    const negative = await refused(
      post(board, {
        ...body,
        rows: [
          { award: 'Giấy khen', counts: body.units.map((_, i) => (i === 0 ? -3 : 0)), reportedTotal: 0 },
        ],
      }),
      400,
    );
    expect(negative).toMatchObject({ code: 'AGGREGATE_ROWS_INVALID', kind: 'VALIDATION_FAILED' });
    expect(negative.errors?.[0].message).toMatch(/dòng 1: -3 không phải số lượng/);
    expect((await reply(post(board, { ...body, to: '2022-12-31' }))).problem?.errors?.[0].field).toBe(
      'body.to',
    );
    const kontum = await reply(post(await login(sys, 'kontum'), body));
    expect([kontum.status, kontum.problem?.code]).toEqual([403, 'AGGREGATE_IMPORT_REFUSED']);
    expect(await tables()).toBe(before);
  });

  it('the catalogue groups award types as the reports do', async () => {
    // One page of the catalogue: all of it (it is under the largest page).
    const r = await ok(
      client(sys, board).GET('/api/v1/awards/catalogue', { params: { query: { limit: 500 } } }),
      200,
    );
    expect(r.items.find((a) => a.code === 'CO-THI-DUA-CHINH-PHU')).toMatchObject({
      group: 'I',
      recipients: 'COLLECTIVE',
    });
    expect(r.items.find((a) => a.code === 'TT-LAO-DONG-XUAT-SAC')).toMatchObject({ group: 'II' });
    // What the 2022 law renamed is a new dated entry; ?on= shows the catalogue of a day.
    expect(r.items.find((a) => a.code === 'CSTD-BO-TINH')).toMatchObject({
      validFrom: '2024-01-01',
      replaces: 'CSTD-TINH',
      basis: expect.stringContaining('06/2022/QH15'),
    });
    const on2023 = await ok(
      client(sys, board).GET('/api/v1/awards/catalogue', {
        params: { query: { on: '2023-06-30', limit: 500 } },
      }),
    );
    const codes2023 = on2023.items.map((a) => a.code);
    expect(codes2023).toContain('CSTD-TINH');
    expect(codes2023).not.toContain('CSTD-BO-TINH');
  });

  describe('award records', () => {
    const header =
      'Số quyết định,Ngày quyết định,Cơ quan ban hành,Hình thức khen thưởng,Đối tượng,Tên người hoặc tập thể,Mã đơn vị,Phân loại';
    const csv = (lines: string[]) => Buffer.from([header, ...lines].join('\r\n'), 'utf8');
    // raw: the file's bytes are the body
    const send = (token: string, bytes: Buffer, type = 'text/csv', name = 'khen-thuong.csv') =>
      http<any>(sys, 'POST', '/api/v1/awards/records', {
        token,
        raw: bytes,
        headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      });
    const count = async () => Number((await db.query('SELECT count(*) n FROM awards.records'))[0].n);
    const file = csv([
      '12/QĐ-TTg,15/03/2023,Thủ tướng Chính phủ,Bằng khen của Thủ tướng Chính phủ,Cá nhân,Nguyễn Văn A,gia-lai,Người lao động trực tiếp',
      '12/QĐ-TTg,15/03/2023,Thủ tướng Chính phủ,Bằng khen của Thủ tướng Chính phủ,Cá nhân,Trần Thị B,gia-lai,"Lãnh đạo, quản lý"',
      '45/QĐ-UBND,2023-04-01,UBND tỉnh Kon Tum,CO-THI-DUA-TINH,Tập thể,Sở Y tế,kon-tum,',
      '46/QĐ-UBND,2023-05-20,UBND tỉnh Kon Tum,Chiến sĩ thi đua cấp tỉnh,Cá nhân,Lê Văn C,kon-tum,Người lao động trực tiếp',
      '90/QĐ-UBND,2023-08-01,UBND tỉnh Gia Lai,Giấy khen,Cá nhân,Phạm D,gia-lai,Khác',
    ]);

    it('refuses a malformed X-File-Name header naming it, and writes nothing', async () => {
      const before = await count();
      // raw: the file's bytes are the body
      const r = await http<any>(sys, 'POST', '/api/v1/awards/records', {
        token: board,
        raw: file,
        headers: { 'content-type': 'text/csv', 'x-file-name': '%E0%A4%A' },
      });
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual([expect.objectContaining({ field: 'X-File-Name' })]);
      expect(await count()).toBe(before);
    });

    it('imports a CSV file whole, once per content; the statistics count it per unit and period', async () => {
      const r = await send(board, file);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ records: 5, alreadyImported: false, fileName: 'khen-thuong.csv' });
      expect((await send(board, file)).body).toMatchObject({ id: r.body.id, alreadyImported: true });
      expect(await count()).toBe(5);
      const s = await ok(
        client(sys, board).GET('/api/v1/groups/{groupId}/awards/statistics', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: { from: '2023-01-01', to: '2023-06-30' } },
        }),
        200,
      );
      expect(s.table.units).toHaveLength(10);
      const gl = s.table.units.indexOf('Gia Lai');
      const kt = s.table.units.indexOf('Kon Tum');
      const row = (code: string) => s.table.rows.find((x) => x.code === code);
      expect(row('BK-THU-TUONG')?.cells[gl]).toBe(2);
      expect(row('CO-THI-DUA-TINH')?.cells[kt]).toBe(1);
      expect(row('GIAY-KHEN')).toBeUndefined(); // decided in the second half
      expect(s).toMatchObject({
        collective: 1,
        individual: 3,
        directWorkerShare: 0.6667,
        leaderShare: 0.3333,
      });
      expect(s.table.grandTotal).toBe(4);
      // A period that does not start on a month's first day: the partial month is counted from the records.
      const mid = await ok(
        client(sys, board).GET('/api/v1/groups/{groupId}/awards/statistics', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: { from: '2023-03-10', to: '2023-04-30' } },
        }),
      );
      expect(mid.table.grandTotal).toBe(3);
      expect(mid.table.rows.find((x) => x.code === 'BK-THU-TUONG')?.total).toBe(2);
      // The national table: every province valid at the start of the period (63 in 2023).
      const nation = await ok(
        client(sys, board).GET('/api/v1/awards/statistics', {
          params: { query: { from: '2023-01-01', to: '2023-06-30' } },
        }),
      );
      expect(nation.table.units).toHaveLength(63);
      expect(nation.table.grandTotal).toBe(4);
      // Rolled up to today's successors (2025 merger): Kon Tum's awards count under Quảng Ngãi.
      const up = await ok(
        client(sys, board).GET('/api/v1/groups/{groupId}/awards/statistics', {
          params: {
            path: { groupId: 'cum-tn-dhmt' },
            query: { from: '2023-01-01', to: '2023-06-30', rollUp: true },
          },
        }),
      );
      expect(up.rolledUp).toBe(true);
      expect(up.table.units).toHaveLength(6);
      const qn = up.table.units.indexOf('Quảng Ngãi');
      expect(up.table.rows.find((x) => x.code === 'CO-THI-DUA-TINH')?.cells[qn]).toBe(1);
      expect(up.table.grandTotal).toBe(4);
      // The same as an Excel table laid out like the reports' appendix.
      const x = await fetch(
        `${sys.baseUrl}/api/v1/groups/cum-tn-dhmt/awards/statistics/xlsx?from=2023-01-01&to=2023-06-30`,
        {
          headers: { authorization: `Bearer ${board}` },
        },
      );
      expect(x.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await x.arrayBuffer());
      const ws = wb.worksheets[0];
      const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
      expect(rows.map((r) => r[2])).toEqual(
        expect.arrayContaining([
          'Hình thức khen thưởng',
          'I. Khen thưởng cấp Nhà nước',
          'Bằng khen của Thủ tướng Chính phủ',
          'Tổng cộng',
        ]),
      );
      const total = rows.find((r) => r[2] === 'Tổng cộng') as unknown[];
      expect(total[total.length - 1]).toBe(4);
    });

    it('a bad row, a duplicate of an earlier import, a file that is not a spreadsheet or too large: nothing written', async () => {
      const before = await count();
      const bad = await send(
        board,
        csv([
          '1/QĐ,15/03/2023,X,Bằng khen của Thủ tướng Chính phủ,Cá nhân,An,gia-lai,',
          '2/QĐ,31/02/2023,X,Huân chương Trăng vàng,Cá nhân,Bình,gia-lai,',
        ]),
      );
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'RECORDS_INVALID', kind: 'VALIDATION_FAILED' });
      expect(bad.body.errors).toEqual([
        {
          field: 'dòng 3 (Ngày quyết định)',
          message: '"31/02/2023" không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY)',
        },
      ]);
      const dup = await send(board, csv([file.toString('utf8').split('\r\n')[1]]));
      expect(dup.status).toBe(400);
      expect(dup.body.code).toBe('RECORDS_DUPLICATE');
      expect(dup.body.errors?.[0]).toEqual({
        field: 'dòng 2',
        message: expect.stringMatching(/đã có trong hệ thống/),
      });
      // Twice in the same file: the later line names the first.
      const twice = await send(
        board,
        csv([
          '5/QĐ,01/03/2023,X,Giấy khen,Cá nhân,Hà,gia-lai,',
          '6/QĐ,01/03/2023,X,Giấy khen,Cá nhân,Hà,gia-lai,',
          '5/QĐ,01/03/2023,X,Giấy khen,Cá nhân,Hà,gia-lai,',
        ]),
      );
      expect(twice.body).toMatchObject({
        code: 'RECORDS_DUPLICATE',
        errors: [{ field: 'dòng 4 (Số quyết định)', message: expect.stringMatching(/^trùng với dòng 2 /) }],
      });
      // raw: the file's bytes are the body
      const outside = await http<any>(sys, 'POST', '/api/v1/awards/records?from=2023-01-01&to=2023-06-30', {
        token: board,
        raw: csv(['77/QĐ,2023-08-01,X,Giấy khen,Cá nhân,Mai,gia-lai,']),
        headers: { 'content-type': 'text/csv' },
      });
      expect(outside.status).toBe(400);
      expect(outside.body.code).toBe('RECORDS_OUTSIDE_PERIOD');
      expect(outside.body.errors).toEqual([
        { field: 'dòng 2 (Ngày quyết định)', message: 'ngoài kỳ 2023-01-01 – 2023-06-30' },
      ]);
      const ended = await send(board, csv(['78/QĐ,2024-03-01,X,CSTD-TINH,Cá nhân,Mai,gia-lai,']));
      expect(ended.status).toBe(400);
      expect(ended.body.code).toBe('AWARD_NOT_IN_FORCE');
      expect(ended.body.errors?.[0]).toEqual({
        field: 'dòng 2 (Hình thức khen thưởng)',
        message: expect.stringMatching(/không còn được khen từ sau ngày 2023-12-31 \(Luật .*15\/2003\/QH11/),
      });
      const notXlsx = await send(
        board,
        Buffer.from('hello'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x.xlsx',
      );
      expect(notXlsx.body.code).toBe('RECORDS_NOT_XLSX');
      expect(notXlsx.body.errors).toEqual([{ field: 'file', message: 'không phải tệp Excel (.xlsx)' }]);
      const huge = await send(board, Buffer.alloc(800_000, 0x41));
      expect(huge.status).toBe(413);
      expect(await count()).toBe(before);
    });

    it('a unit officer imports its own unit’s awards only', async () => {
      const kontum = await login(sys, 'kontum');
      const other = await send(kontum, csv(['7/QĐ,01/06/2023,X,Giấy khen,Cá nhân,Hoa,gia-lai,']));
      expect([other.status, other.body.code]).toEqual([403, 'RECORDS_OTHER_UNIT_REFUSED']);
      const own = await send(
        kontum,
        csv(['7/QĐ,01/06/2023,UBND tỉnh Kon Tum,Giấy khen,Cá nhân,Hoa,kon-tum,']),
      );
      expect(own.status).toBe(201);
    });

    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const ticketFor = (
      token: string,
      bytes: Buffer,
      type: string,
      over: Partial<Schema<'RecordsUploadDto'>> = {},
    ) =>
      client(sys, token).POST('/api/v1/awards/records/uploads', {
        body: {
          fileName: type === XLSX ? 'khen-thuong.xlsx' : 'khen-thuong.csv',
          contentType: type,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          ...over,
        },
      });
    const startImport = (token: string, id: string) =>
      client(sys, token).POST('/api/v1/awards/records/uploads/{uploadId}/import', {
        params: { path: { uploadId: id } },
      });
    /** The upload once its import is DONE or FAILED (polling its Location). */
    const settled = async (token: string, location: string) => {
      const uploadId = location.split('/').pop() ?? '';
      for (const until = Date.now() + 60_000; Date.now() < until;) {
        const r = await ok(
          client(sys, token).GET('/api/v1/awards/records/uploads/{uploadId}', {
            params: { path: { uploadId } },
          }),
        );
        // The upload is DONE when its import commits; its job is marked DONE right after by the runner.
        const terminal = (x: string | undefined) => x === 'DONE' || x === 'FAILED';
        if (terminal(r.status) && (!r.job || terminal(r.job.state))) return r;
        await new Promise((ok) => setTimeout(ok, 200));
      }
      throw new Error(`${location} did not settle`);
    };

    it('a large file goes through storage: upload, the import as a job (202, Location), progress, result', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Khen thưởng');
      ws.addRow(header.split(','));
      for (let i = 0; i < 300; i += 1)
        ws.addRow([
          `${100 + i}/QĐ-UBND`,
          '2023-05-02',
          'UBND tỉnh Gia Lai',
          'Giấy khen',
          'Cá nhân',
          `Người ${i}`,
          'gia-lai',
          'Khác',
        ]);
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      const ticket = await ok(ticketFor(board, bytes, XLSX), 201);
      expect(ticket).toMatchObject({ status: 'PENDING', job: null });
      const early = await reply(startImport(board, ticket.id));
      expect([early.status, early.problem?.code]).toEqual([409, 'UPLOAD_NOT_UPLOADED']);
      expect(await putToStorage(ticket, bytes, XLSX)).toBeLessThan(300);
      const started = await success(startImport(board, ticket.id), 202);
      const location = started.headers.get('location') as string;
      expect(location).toBe(`/api/v1/awards/records/uploads/${ticket.id}`);
      expect(started.data).toMatchObject({
        kind: 'records-import',
        state: expect.stringMatching(/QUEUED|RUNNING|DONE/),
      });
      const done = await settled(board, location);
      expect(done).toMatchObject({
        status: 'DONE',
        processedRows: 300,
        totalRows: 300,
        job: { id: started.data.id, state: 'DONE', progress: { done: 300, total: 300 } },
      });
      expect(done.job?.result).toEqual({ importId: done.importId, records: 300, alreadyImported: false });
      // Asked again: the job that did it, nothing new.
      const again = await reply(startImport(board, ticket.id));
      expect([again.status, again.data?.id, again.data?.state]).toEqual([202, started.data.id, 'DONE']);
      expect(Number((await db.query('SELECT count(*) n FROM awards.jobs'))[0].n)).toBe(1);
      // Another upload of the same content: the same import.
      const copy = await ok(ticketFor(board, bytes, XLSX, { fileName: 'ban-sao.xlsx' }));
      await putToStorage(copy, bytes, XLSX);
      const second = await settled(
        board,
        (await reply(startImport(board, copy.id))).headers.get('location') as string,
      );
      expect(second).toMatchObject({ status: 'DONE', importId: done.importId });
      expect(second.job?.result).toMatchObject({ importId: done.importId, alreadyImported: true });
      // Someone else's upload is neither shown nor imported.
      const kontum = await login(sys, 'kontum');
      for (const r of [
        await reply(
          client(sys, kontum).GET('/api/v1/awards/records/uploads/{uploadId}', {
            params: { path: { uploadId: ticket.id } },
          }),
        ),
        await reply(startImport(kontum, ticket.id)),
      ])
        expect([r.status, r.problem?.code]).toEqual([403, 'UPLOAD_FOLLOW_REFUSED']);
    });

    it('the job checks the stored file: a wrong checksum or size fails it with its reason, nothing written', async () => {
      const before = await count();
      const bytes = csv(['300/QĐ,02/05/2023,X,Giấy khen,Cá nhân,Tâm,gia-lai,']);
      const wrongSha = await ok(ticketFor(board, bytes, 'text/csv', { sha256: 'a'.repeat(64) }));
      await putToStorage(wrongSha, bytes, 'text/csv');
      const started = await reply(startImport(board, wrongSha.id));
      expect(started.status).toBe(202);
      const failed = await settled(board, started.headers.get('location') as string);
      expect(failed).toMatchObject({
        status: 'FAILED',
        error: expect.stringMatching(/SHA-256/),
        job: { state: 'FAILED', error: { reason: 'UPLOAD_CHECKSUM_MISMATCH', code: 'UNPROCESSABLE' } },
      });
      const wrongSize = await ok(ticketFor(board, bytes, 'text/csv', { size: bytes.length + 1 }));
      await fetch(wrongSize.upload?.url ?? '', {
        method: 'PUT',
        body: new Uint8Array(bytes),
        headers: { 'content-type': 'text/csv' },
      }).then((r) => r.arrayBuffer());
      const sized = await settled(
        board,
        (await reply(startImport(board, wrongSize.id))).headers.get('location') as string,
      );
      expect(sized.job?.error?.reason).toBe('UPLOAD_SIZE_MISMATCH');
      expect(await count()).toBe(before);
    });

    it('a file read as a stream in chunks of 10,000 lines: a duplicate across chunks names its first line, all or nothing', async () => {
      const before = await count();
      const lines = Array.from(
        { length: 25_000 },
        (_, i) => `${i}/QĐ-CHUNK,03/05/2023,UBND tỉnh Gia Lai,Giấy khen,Cá nhân,Người ${i},gia-lai,Khác`,
      );
      lines.push(lines[2]); // line 4 of the file, again at line 25,002
      const bytes = csv(lines);
      const ticket = await ok(ticketFor(board, bytes, 'text/csv'));
      await putToStorage(ticket, bytes, 'text/csv');
      const failed = await settled(
        board,
        (await reply(startImport(board, ticket.id))).headers.get('location') as string,
      );
      expect(failed).toMatchObject({ status: 'FAILED', processedRows: 20_000 });
      expect(failed.job?.error).toMatchObject({
        reason: 'RECORDS_DUPLICATE',
        errors: [
          { field: 'dòng 25002 (Số quyết định)', message: expect.stringMatching(/^trùng với dòng 4 /) },
        ],
      });
      expect(await count()).toBe(before);
      // Without the repeated line: every line in, the statistics count them.
      const good = csv(lines.slice(0, -1));
      const goodTicket = await ok(ticketFor(board, good, 'text/csv'));
      await putToStorage(goodTicket, good, 'text/csv');
      const done = await settled(
        board,
        (await reply(startImport(board, goodTicket.id))).headers.get('location') as string,
      );
      expect(done).toMatchObject({ status: 'DONE', processedRows: 25_000, totalRows: 25_000 });
      expect(await count()).toBe(before + 25_000);
      expect(
        Number((await db.query('SELECT count(*) n FROM awards.records WHERE source_line IS NULL'))[0].n),
      ).toBe(0);
    });

    it('a redelivered job: after a crash mid-file it starts again; once committed it answers that import', async () => {
      // This file's own records only: another case's import may commit at any moment.
      const count = async () =>
        Number(
          (await db.query(`SELECT count(*) n FROM awards.records WHERE decision_number LIKE '%/QĐ-LAI'`))[0]
            .n,
        );
      const before = await count();
      const lines = Array.from(
        { length: 15_000 },
        (_, i) => `${i}/QĐ-LAI,04/05/2023,UBND tỉnh Gia Lai,Giấy khen,Cá nhân,Người ${i},gia-lai,`,
      );
      const bytes = csv(lines);
      const ticket = await ok(ticketFor(board, bytes, 'text/csv'));
      await putToStorage(ticket, bytes, 'text/csv');
      // The job as the runner would deliver it (without the runner: no other delivery meanwhile).
      const jobId = randomUUID();
      await db.query(`UPDATE awards.record_uploads SET status = 'QUEUED', job_id = $2 WHERE id = $1`, [
        ticket.id,
        jobId,
      ]);
      const uploads = (sys.awards as INestApplication).get(UploadsService);
      const actor = { userId: randomUUID(), unitId: null, roles: [{ role: 'BOARD' }] } as never;
      const input = { uploadId: ticket.id, actor };
      const crash = { id: jobId, attempt: 1, progress: () => Promise.reject(new Error('instance died')) };
      await expect(uploads.runImport(input, crash)).rejects.toThrow('instance died');
      expect(await count()).toBe(before);
      const seen: number[] = [];
      const retry = { id: jobId, attempt: 2, progress: async (done: number) => void seen.push(done) };
      const result = await uploads.runImport(input, retry);
      expect(result).toMatchObject({ records: 15_000, alreadyImported: false });
      expect(seen).toEqual([10_000, 15_000]);
      expect(await count()).toBe(before + 15_000);
      // Delivered once more after the commit (the instance died before acking): the same import.
      expect(await uploads.runImport(input, { ...retry, attempt: 3 })).toEqual(result);
      expect(await count()).toBe(before + 15_000);
    });

    it('a CSV of 700,000 "A" on one line: a short 400, and awards keeps answering', async () => {
      // raw: the file's bytes are the body
      const r = await http<any>(sys, 'POST', '/api/v1/awards/records?from=2023-01-01&to=2023-12-31', {
        token: board,
        raw: Buffer.alloc(700_000, 'A'),
        headers: { 'content-type': 'text/csv' },
      });
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body).length).toBeLessThan(2_000);
      expect(r.body.errors?.[0].field).toBe('dòng 1');
      expect(await statusOf(client(sys, board).GET('/api/v1/awards/catalogue'))).toBe(200);
    });

    it('a file with many bad lines: the first 100 problems, then how many more', async () => {
      const before = await count();
      const lines = Array.from(
        { length: 300 },
        (_, i) => `${i}/QĐ,hôm qua,X,Giấy khen,Cá nhân,Tên ${i},gia-lai,`,
      );
      const r = await send(board, csv(lines));
      expect(r.status).toBe(400);
      expect(r.body.errors).toHaveLength(101);
      expect(r.body.errors[100]).toEqual({ field: 'tệp', message: 'và 200 lỗi khác' });
      const long = await send(board, csv([`1/QĐ,${'9'.repeat(50_000)},X,Giấy khen,Cá nhân,An,gia-lai,`]));
      expect(long.status).toBe(400);
      expect(long.body.errors?.[0].message.length).toBeLessThan(200);
      const tooLong = await send(
        board,
        csv([`${'Q'.repeat(101)},2023-05-01,X,Giấy khen,Cá nhân,An,gia-lai,`]),
      );
      expect(tooLong.body.errors).toEqual([
        { field: 'dòng 2 (Số quyết định)', message: 'dài quá 100 ký tự' },
      ]);
      expect(await count()).toBe(before);
    });

    it('who reads statistics: the group’s members, leaders and council, the board; the nation: the board', async () => {
      const query = { from: '2023-01-01', to: '2023-06-30' };
      const params = { path: { groupId: 'cum-tn-dhmt' }, query };
      type Read = (api: ApiClient) => Promise<{ data?: unknown; error?: Problem; response: Response }>;
      const groupStats: Read = (api) => api.GET('/api/v1/groups/{groupId}/awards/statistics', { params });
      const status = async (user: string, read: Read = groupStats) =>
        (await reply(read(client(sys, await login(sys, user))))).problem?.code ?? 'OK';
      expect(await status('kontum')).toBe('OK');
      expect(await status('council')).toBe('OK');
      expect(await status('lamdong')).toBe('OK');
      expect(await status('thaibinh')).toBe('AWARDS_GROUP_READ_REFUSED');
      expect(await status('viewer')).toBe('AWARDS_GROUP_READ_REFUSED');
      const groupXlsx: Read = (api) =>
        api.GET('/api/v1/groups/{groupId}/awards/statistics/xlsx', { params, parseAs: 'arrayBuffer' });
      expect(await status('viewer', groupXlsx)).toBe('AWARDS_GROUP_READ_REFUSED');
      const national: Read = (api) => api.GET('/api/v1/awards/statistics', { params: { query } });
      expect(await status('kontum', national)).toBe('AWARDS_NATIONAL_READ_REFUSED');
      // A report's table: as its group's statistics.
      const tableId = (await ok(post(board, body))).id;
      const table: Read = (api) =>
        api.GET('/api/v1/awards/aggregates/{tableId}', { params: { path: { tableId } } });
      expect(await status('council', table)).toBe('OK');
      expect(await status('thaibinh', table)).toBe('AWARDS_GROUP_READ_REFUSED');
      expect(await status('viewer', table)).toBe('AWARDS_GROUP_READ_REFUSED');
      const none: Read = (api) =>
        api.GET('/api/v1/awards/aggregates/{tableId}', {
          params: { path: { tableId: '00000000-0000-4000-8000-000000000000' } },
        });
      expect(await status('board', none)).toBe('AGGREGATE_NOT_FOUND');
    });

    it('permission first: without the right to import, nothing about earlier imports is told', async () => {
      // The same content the board imported earlier (units Gia Lai and Kon Tum).
      const viewer = await login(sys, 'viewer');
      const asViewer = await send(viewer, file);
      expect([asViewer.status, asViewer.body.code]).toEqual([403, 'RECORDS_IMPORT_REFUSED']);
      expect(JSON.stringify(asViewer.body)).not.toMatch(/alreadyImported|"id"/);
      const kontum = await login(sys, 'kontum');
      const asKontum = await send(kontum, file);
      expect(asKontum.status).toBe(403);
      // Its own unit's file again: the earlier import, as before.
      const own = csv(['8/QĐ,02/06/2023,UBND tỉnh Kon Tum,Giấy khen,Cá nhân,Lan,kon-tum,']);
      const first = await send(kontum, own);
      expect(first.status).toBe(201);
      expect((await send(kontum, own)).body).toMatchObject({ id: first.body.id, alreadyImported: true });
      // The board's import of that same content is not shown to another unit's officer.
      expect((await send(await login(sys, 'binhdinh'), own)).status).toBe(403);
      const upload = await reply(
        client(sys, viewer).POST('/api/v1/awards/records/uploads', {
          body: { fileName: 'x.csv', contentType: 'text/csv', size: 10, sha256: 'a'.repeat(64) },
        }),
      );
      expect([upload.status, upload.problem?.code]).toEqual([403, 'RECORDS_IMPORT_REFUSED']);
    });
  });

  describe('fuzzer findings', () => {
    it('impossible dates are 400s naming the field', async () => {
      for (const d of ['2023-02-30', '0000-01-01', '2023-13-01']) {
        for (const [path, field] of [
          [`/api/v1/awards/catalogue?on=${d}`, 'on'],
          [`/api/v1/awards/statistics?from=${d}&to=2023-06-30`, 'from'],
          [`/api/v1/groups/cum-tn-dhmt/awards/statistics?from=2023-01-01&to=${d}`, 'to'],
        ]) {
          // raw: an impossible date is no `format: date` the contract allows
          const r = await http<Problem>(sys, 'GET', path, { token: board });
          expect([path, r.status, r.body.errors?.[0]?.field]).toEqual([path, 400, field]);
        }
        const agg = await reply(post(board, { ...body, from: d }));
        expect([agg.status, agg.problem?.errors?.[0].field]).toEqual([400, 'from']);
      }
    });

    it('aggregate cells of the wrong type or size are 400s; many bad cells are listed up to 100', async () => {
      // raw: cells of the wrong type and a row that is no object are what the contract forbids
      const bad = await http<Problem>(sys, 'POST', '/api/v1/groups/cum-tn-dhmt/awards/aggregates', {
        token: board,
        body: { ...body, rows: [{ award: 'Giấy khen', counts: ['A'.repeat(10_000)], reportedTotal: 0 }] },
      });
      expect([bad.status, bad.body.errors?.[0].field]).toEqual([400, 'rows[0].counts']);
      const nested = await http<Problem>(sys, 'POST', '/api/v1/groups/cum-tn-dhmt/awards/aggregates', {
        token: board,
        body: { ...body, rows: [[], ...body.rows] },
      });
      expect([nested.status, nested.body.errors?.[0].field]).toEqual([400, 'rows']);
      const many = await refused(
        post(board, {
          ...body,
          rows: Array.from({ length: 20 }, () => ({
            award: 'Giấy khen',
            counts: body.units.map(() => -1),
            reportedTotal: 0,
          })),
        }),
        400,
      );
      expect(many.errors).toHaveLength(101);
      expect(many.errors?.[100]).toEqual({ field: 'body.rows', message: 'và 100 lỗi khác' });
    });

    it('an unknown group asked by 14 requests at once: 404 for every one', async () => {
      const all = await Promise.all(
        Array.from({ length: 14 }, () =>
          reply(
            client(sys, board).GET('/api/v1/groups/{groupId}/awards/statistics', {
              params: {
                path: { groupId: 'khong-ton-tai-aw' },
                query: { from: '2023-01-01', to: '2023-06-30' },
              },
            }),
          ),
        ),
      );
      expect(all.map((r) => r.status)).toEqual(Array(14).fill(404));
    });
  });
  it('prints the statistics as the reports’ appendix: the group’s and the national table on A4, as the JSON counts them', async () => {
    const q = 'from=2023-01-01&to=2023-06-30';
    const open = async (path: string, token = board) => {
      const res = await fetch(`${sys.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect([path, res.status, res.headers.get('content-type')]).toEqual([
        path,
        200,
        expect.stringContaining('spreadsheetml'),
      ]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      return { ws: wb.worksheets[0], name: decodeURIComponent(res.headers.get('content-disposition') ?? '') };
    };
    const totalOf = (ws: ExcelJS.Worksheet) => {
      for (let r = 1; r <= ws.rowCount; r += 1)
        if (ws.getRow(r).getCell(2).value === 'Tổng cộng') return ws.getRow(r).values as unknown[];
      throw new Error('no total row');
    };
    const api = client(sys, board);
    const period = { from: '2023-01-01', to: '2023-06-30' };
    const groupStats = () =>
      ok(
        api.GET('/api/v1/groups/{groupId}/awards/statistics', {
          params: { path: { groupId: 'cum-tn-dhmt' }, query: period },
        }),
      );
    const nationalStats = () => ok(api.GET('/api/v1/awards/statistics', { params: { query: period } }));
    const tables: [typeof groupStats, string, string][] = [
      [
        groupStats,
        `/api/v1/groups/cum-tn-dhmt/awards/statistics/xlsx?${q}`,
        'CỤM THI ĐUA CÁC TỈNH TÂY NGUYÊN VÀ DUYÊN HẢI MIỀN TRUNG',
      ],
      [nationalStats, `/api/v1/awards/statistics/xlsx?${q}`, 'CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG'],
    ];
    for (const [json, xlsx, title] of tables) {
      const stats = await json();
      const { ws, name } = await open(xlsx);
      expect(name).toContain('ket-qua-khen-thuong-');
      expect(ws.getCell('A1').value).toBe('KẾT QUẢ KHEN THƯỞNG 6 THÁNG ĐẦU NĂM 2023');
      expect(ws.getCell('A2').value).toBe(title);
      expect((ws.getRow(5).values as unknown[]).slice(3, 3 + stats.table.units.length)).toEqual(
        stats.table.units,
      );
      // Seed 000's fixed rows, whether or not anything was awarded; the totals the JSON has.
      const labels: unknown[] = [];
      ws.eachRow((row) => labels.push(row.getCell(2).value));
      expect(labels).toEqual(
        expect.arrayContaining([
          'I. Khen thưởng cấp Nhà nước',
          'Huân chương Hữu nghị',
          'Cờ thi đua của Chính phủ',
          'Bằng khen của Thủ tướng Chính phủ',
          'II. Khen thưởng cấp tỉnh',
          'Huy hiệu của tỉnh',
        ]),
      );
      const total = totalOf(ws);
      expect(total.slice(3)).toEqual([...stats.table.columnTotals, stats.table.grandTotal]);
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '5:5',
      });
      expect(ws.getCell('B6').font?.name).toBe('Times New Roman');
    }
    // The national table is the board's, as its JSON is.
    const nationalXlsx = await refused(
      client(sys, await login(sys, 'kontum')).GET('/api/v1/awards/statistics/xlsx', {
        params: { query: { from: '2023-01-01', to: '2023-06-30' } },
        parseAs: 'arrayBuffer',
      }),
      403,
    );
    expect(nationalXlsx.code).toBe('AWARDS_NATIONAL_READ_REFUSED');
    const bad = await reply(
      client(sys, board).GET('/api/v1/awards/statistics/xlsx', {
        params: { query: { from: '2023-02-30', to: '2023-06-30' } },
      }),
    );
    expect([bad.status, bad.problem?.errors?.[0]?.field]).toEqual([400, 'from']);
  });

  // Issue 16, a hole found as a new user would: a group's table naming a unit outside the group
  // was accepted without a flag.
  it('a table for a group that names a unit outside the group is flagged on that unit’s rows', async () => {
    const r = await ok(
      post(board, {
        from: '2023-07-01',
        to: '2023-12-31',
        title: 'Bảng có một đơn vị ngoài cụm',
        units: ['Gia Lai', 'Khánh Hoà', 'Thành phố Hà Nội'],
        rows: [
          { award: 'Giấy khen', counts: [1, 2, 3], reportedTotal: 6 },
          { award: 'Bằng khen của Thủ tướng Chính phủ', counts: [1, 1, null], reportedTotal: 2 },
        ],
      }),
      201,
    );
    const flags = r.rows.map((x) => x.flags.map((f) => [f.kind, f.unit]));
    expect(flags).toEqual([
      [['UNIT_OUTSIDE_GROUP', 'Thành phố Hà Nội']],
      [['MISSING_CELL', 'Thành phố Hà Nội']],
    ]);
    expect(r.rows[0].flags[0].message).toMatch(
      /^Thành phố Hà Nội không phải thành viên của cụm, khối trong năm 2023/,
    );
    expect(r.flaggedRows).toBe(2);
    const stored = await ok(
      client(sys, board).GET('/api/v1/awards/aggregates/{tableId}', { params: { path: { tableId: r.id } } }),
    );
    expect(stored.rows[0].flags[0]).toMatchObject({
      kind: 'UNIT_OUTSIDE_GROUP',
      unit: 'Thành phố Hà Nội',
    });
  });

  // Issue 16, holes found as a new user would: a viewer was given an upload ticket (201 and a
  // presigned URL), and a read-only caller re-posting a file another unit imported was answered
  // 201 with that import's id. Access is decided before anything is created or looked up.
  it('read-only callers are refused an upload ticket and a re-post of an imported file, before anything else', async () => {
    const uploads = async () => Number((await db.query('SELECT count(*) n FROM awards.record_uploads'))[0].n);
    const imports = async () => Number((await db.query('SELECT count(*) n FROM awards.record_imports'))[0].n);
    const bytes = Buffer.from(
      'Số quyết định,Ngày quyết định,Cơ quan ban hành,Hình thức khen thưởng,Đối tượng,Tên người hoặc tập thể,Mã đơn vị,Phân loại\r\n' +
        '77/QĐ-UBND,2023-09-09,UBND tỉnh Gia Lai,Giấy khen,Cá nhân,Hồ Thị E,gia-lai,Khác',
      'utf8',
    );
    // raw: the file's bytes are the body
    const send = (token: string) =>
      http<any>(sys, 'POST', '/api/v1/awards/records', {
        token,
        raw: bytes,
        headers: { 'content-type': 'text/csv', 'x-file-name': 'lan-hai.csv' },
      });
    const first = await send(board);
    expect(first.status).toBe(201);
    const [beforeUploads, beforeImports] = [await uploads(), await imports()];
    for (const who of ['viewer', 'council']) {
      const token = await login(sys, who);
      const ticket = await reply(
        client(sys, token).POST('/api/v1/awards/records/uploads', {
          body: { fileName: 'lon.csv', contentType: 'text/csv', size: 1000, sha256: 'b'.repeat(64) },
        }),
      );
      expect([who, ticket.status, ticket.problem?.code]).toEqual([who, 403, 'RECORDS_IMPORT_REFUSED']);
      expect(JSON.stringify(ticket.problem)).not.toMatch(/"url"|presign|X-Amz/i);
      const again = await send(token);
      expect([who, again.status, again.body.code]).toEqual([who, 403, 'RECORDS_IMPORT_REFUSED']);
      expect(JSON.stringify(again.body)).not.toContain(first.body.id);
    }
    expect([await uploads(), await imports()]).toEqual([beforeUploads, beforeImports]);
  });
});
