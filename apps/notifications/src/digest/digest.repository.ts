import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** All SQL of the daily digest. */
@Injectable()
export class DigestRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Records submissions (once per event). */
  async recordSubmissions(
    rows: {
      eventId: string;
      groupId: string;
      year: number;
      unitId: string;
      kind: string;
      submittedAt: string;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.ds.query(
      `INSERT INTO ${SCHEMA}.digest_submissions (event_id, group_id, year, unit_id, kind, submitted_at)
       SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::int[], $4::uuid[], $5::varchar[], $6::timestamptz[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        rows.map((r) => r.eventId),
        rows.map((r) => r.groupId),
        rows.map((r) => r.year),
        rows.map((r) => r.unitId),
        rows.map((r) => r.kind),
        rows.map((r) => r.submittedAt),
      ],
    );
  }

  /** Per group-year, the units that submitted in [from, to). */
  async submittedBetween(from: Date, to: Date): Promise<{ group_id: string; year: number; units: number }[]> {
    const rows: { group_id: string; year: number; units: string }[] = await this.ds.query(
      `SELECT group_id, year, count(DISTINCT unit_id) AS units
         FROM ${SCHEMA}.digest_submissions
        WHERE submitted_at >= $1 AND submitted_at < $2
        GROUP BY group_id, year ORDER BY group_id, year`,
      [from.toISOString(), to.toISOString()],
    );
    return rows.map((r) => ({ ...r, units: Number(r.units) }));
  }

  /**
   * Claims the digest of `date` for this instance: answers false when it is done, or another
   * instance holds it under a lease that has not run out.
   */
  async claimRun(date: string, instance: string, leaseSeconds: number): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO ${SCHEMA}.digest_runs AS d (date, claimed_by, lease_until)
       VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (date) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, lease_until = EXCLUDED.lease_until
         WHERE d.state = 'RUNNING' AND d.lease_until < now()
       RETURNING date`,
      [date, instance, leaseSeconds],
    );
    return rows.length === 1;
  }

  async finishRun(date: string, instance: string, users: number): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.digest_runs SET state = 'DONE', users = $3, finished_at = now(), lease_until = NULL
        WHERE date = $1 AND claimed_by = $2`,
      [date, instance, users],
    );
  }

  /** Lets another pass (or instance) try again at once after a failure. */
  async releaseRun(date: string, instance: string): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.digest_runs SET lease_until = now() WHERE date = $1 AND claimed_by = $2 AND state = 'RUNNING'`,
      [date, instance],
    );
  }

  /** Whether the digest of `date` has been sent. */
  async isDone(date: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM ${SCHEMA}.digest_runs WHERE date = $1 AND state = 'DONE'`,
      [date],
    );
    return rows.length === 1;
  }
}
