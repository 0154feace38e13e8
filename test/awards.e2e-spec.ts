/**
 * Award statistics through the gateway — golden: the appendix of seed 002 (TN&DHMT, H1 2023)
 * imported as the report's table: the cross-table reproduces all 14 reported totals and the two
 * rows with a lost cell are flagged, never guessed.
 */
import 'reflect-metadata';
import golden from '../libs/domain/src/awards/golden/awards-2023-h1-tn-dhmt.json';
import { DataSource } from 'typeorm';
import { http, login, startTestSystem, TestSystem } from './support/system';

/* eslint-disable @typescript-eslint/no-explicit-any */
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
  const post = (token: string, b: unknown) =>
    http<any>(sys, 'POST', '/api/v1/groups/cum-tn-dhmt/awards/aggregates', { token, body: b });

  beforeAll(async () => {
    sys = await startTestSystem();
    db = new DataSource({ type: 'postgres', url: sys.db.url });
    await db.initialize();
    board = await login(sys, 'board');
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await sys?.stop();
  });

  it('golden: all 14 reported totals reproduced, the two rows with a lost cell flagged', async () => {
    const r = await post(board, body);
    expect(r.status).toBe(201);
    expect(r.body.table.rows).toHaveLength(14);
    for (const g of golden.rows) {
      const row = r.body.rows.find((x: any) => x.award === g.award);
      expect(r.body.table.rows.find((x: any) => x.code === row.awardCode).total).toBe(g.reportedTotal);
    }
    expect(r.body.flaggedRows).toBe(2);
    expect(
      r.body.rows
        .filter((x: any) => x.flags.length)
        .map((x: any) => [x.award, x.flags[0].kind, x.flags[0].unit]),
    ).toEqual([
      ['Huân chương Độc lập (các hạng)', 'MISSING_CELL', 'Quảng Ngãi'],
      ['Chiến sĩ thi đua toàn quốc', 'MISSING_CELL', 'Quảng Ngãi'],
    ]);
    expect(r.body.table.grandTotal).toBe(golden.rows.reduce((a, x) => a + x.reportedTotal, 0));
    // The same table again: the same import, nothing new.
    const again = await post(board, body);
    expect(again.body.id).toBe(r.body.id);
    expect(await tables()).toBe(1);
    expect(
      (await http<any>(sys, 'GET', `/api/v1/awards/aggregates/${r.body.id}`, { token: board })).body
        .flaggedRows,
    ).toBe(2);
  });

  it('an unknown award type or a negative count refuses the whole table; others may not import', async () => {
    const before = await tables();
    const unknown = await post(board, {
      ...body,
      rows: [
        ...body.rows,
        { award: 'Huân chương Trăng vàng', counts: body.units.map(() => 0), reportedTotal: 0 },
      ],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      {
        field: 'body.rows[14]',
        message: 'dòng 15: "Huân chương Trăng vàng" is not an award type of the catalogue',
      },
    ]);
    const negative = await post(board, {
      ...body,
      rows: [{ award: 'Giấy khen', counts: body.units.map((_, i) => (i === 0 ? -3 : 0)), reportedTotal: 0 }],
    });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].message).toMatch(/dòng 1: -3 is not a count/);
    expect((await post(board, { ...body, to: '2022-12-31' })).body.errors[0].field).toBe('body.to');
    expect((await post(await login(sys, 'kontum'), body)).status).toBe(403);
    expect(await tables()).toBe(before);
  });

  it('the catalogue groups award types as the reports do', async () => {
    const r = await http<any[]>(sys, 'GET', '/api/v1/awards/catalogue', { token: board });
    expect(r.status).toBe(200);
    expect(r.body.find((a) => a.code === 'CO-THI-DUA-CHINH-PHU')).toMatchObject({
      group: 'I',
      recipients: 'COLLECTIVE',
    });
    expect(r.body.find((a) => a.code === 'TT-LAO-DONG-XUAT-SAC')).toMatchObject({ group: 'II' });
  });
});
