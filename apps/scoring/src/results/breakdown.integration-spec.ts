/**
 * The kept breakdown against real Postgres, scoring's own migrations: any change of a group-year's
 * entries (whoever writes them) clears it and moves its generation, and a breakdown computed from
 * entries read before a write is not stored after it.
 */
import 'reflect-metadata';
import { migrate } from '@tdkt/platform';
import { createDatabase, TestDatabase, testInfra } from '@tdkt/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { scoringDataSourceOptions } from '../database/data-source';
import { ResultsRepository } from './results.repository';

jest.setTimeout(60_000);

describe('the kept breakdown of a group-year', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: ResultsRepository;
  const group = randomUUID();
  const other = randomUUID();
  const member = randomUUID();

  const entry = (g: string, criterion: string, value: number) =>
    ds.query(
      `INSERT INTO scoring.entries (group_id, year, member_id, criterion, self_value, evidence, scheme_version, updated_at)
       VALUES ($1, 2030, $2, $3, $4, false, 1, now())
       ON CONFLICT (group_id, year, member_id, criterion) DO UPDATE SET self_value = EXCLUDED.self_value`,
      [g, member, criterion, value],
    );

  beforeAll(async () => {
    db = await createDatabase(testInfra().pgAdminUrl, 'breakdown');
    ds = new DataSource(scoringDataSourceOptions(db.url, 4));
    await ds.initialize();
    await migrate(ds, 'scoring');
    repo = new ResultsRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('is stored for the generation read, cleared by a write, and not stored over a write made meanwhile', async () => {
    expect(await repo.breakdownState(group, 2030)).toMatchObject({ generation: null, body: null });
    // Never written: stored with generation 0.
    await repo.saveBreakdown(group, 2030, null, 1, '{"v":1}');
    expect(await repo.breakdownState(group, 2030)).toMatchObject({ generation: '0', body: '{"v":1}' });

    // A write clears it (an upsert that inserts, then one that updates).
    await entry(group, 'c01', 5);
    const afterInsert = await repo.breakdownState(group, 2030);
    expect(afterInsert.body).toBeNull();
    await repo.saveBreakdown(group, 2030, afterInsert.generation, 1, '{"v":2}');
    expect((await repo.breakdownState(group, 2030)).body).toBe('{"v":2}');
    await entry(group, 'c01', 6);
    const afterUpdate = await repo.breakdownState(group, 2030);
    expect(afterUpdate.body).toBeNull();
    expect(Number(afterUpdate.generation)).toBeGreaterThan(Number(afterInsert.generation));

    // Computed from entries read before a write that committed meanwhile: not kept.
    await entry(group, 'c02', 7);
    await repo.saveBreakdown(group, 2030, afterUpdate.generation, 1, '{"v":"stale"}');
    expect((await repo.breakdownState(group, 2030)).body).toBeNull();

    // Read before the first write ever (no row), stored after it: not kept either.
    const before = await repo.breakdownState(other, 2030);
    await entry(other, 'c01', 1);
    await repo.saveBreakdown(other, 2030, before.generation, 1, '{"v":"stale"}');
    expect((await repo.breakdownState(other, 2030)).body).toBeNull();

    // Another group-year's write leaves this one's alone.
    const now = await repo.breakdownState(group, 2030);
    await repo.saveBreakdown(group, 2030, now.generation, 1, '{"v":3}');
    await entry(other, 'c02', 2);
    await ds.query(`DELETE FROM scoring.entries WHERE group_id = $1`, [other]);
    expect((await repo.breakdownState(group, 2030)).body).toBe('{"v":3}');
    // A delete clears it.
    await ds.query(`DELETE FROM scoring.entries WHERE group_id = $1 AND criterion = 'c02'`, [group]);
    expect((await repo.breakdownState(group, 2030)).body).toBeNull();
  });
});
