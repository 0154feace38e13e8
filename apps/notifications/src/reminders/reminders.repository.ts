import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';

/** A row of the schedule (notifications.reminders). */
export interface ReminderRow {
  id: string;
  campaign_id: string;
  group_id: string;
  year: number;
  milestone_id: string;
  milestone_code: string;
  milestone_title: string;
  submission_kinds: string[];
  offset_code: string;
  send_at: Date;
  deadline_on: string;
  deadline_at: Date;
  state: 'PENDING' | 'SENT' | 'SKIPPED' | 'CANCELLED';
  reason: string | null;
  attempts: number;
  units: number | null;
  recipients: number | null;
}

/** A reminder claimed for sending, with the latest due reminder of the same deadline. */
export interface ClaimedReminder extends ReminderRow {
  latest_due: Date;
}

/** What the schedule of one campaign should hold (from its milestones). */
export interface WantedReminder {
  milestoneId: string;
  milestoneCode: string;
  milestoneTitle: string;
  submissionKinds: string[];
  offsetCode: string;
  sendAt: Date;
  deadlineOn: string;
  deadlineAt: Date;
}

const columns = (p = ''): string =>
  `${p}id, ${p}campaign_id, ${p}group_id, ${p}year, ${p}milestone_id, ${p}milestone_code, ${p}milestone_title,
   ${p}submission_kinds, ${p}offset_code, ${p}send_at, to_char(${p}deadline_on, 'YYYY-MM-DD') AS deadline_on,
   ${p}deadline_at, ${p}state, ${p}reason, ${p}attempts, ${p}units, ${p}recipients`;

/** Rows an UPDATE changed: TypeORM's query() answers [rows, count] for UPDATE … RETURNING. */
function affected(result: unknown): number {
  return Array.isArray(result) && result.length === 2 && typeof result[1] === 'number' ? result[1] : 0;
}

/** All SQL of the reminders schedule (and the test clock). */
@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Brings the campaign's schedule in line with `wanted` (every reminder its milestones plan), in
   * one transaction: those marked `schedule` are inserted (or revived if they had been cancelled,
   * or updated if pending with other details); pending ones no longer wanted are cancelled with
   * `MILESTONE_MOVED` (its milestone still has a deadline) or `MILESTONE_DELETED`. A wanted
   * reminder not marked stays as it is (one missed while the service was down is the scheduler's
   * to send or skip). Sent and skipped rows are history and never change.
   */
  async replaceCampaign(
    c: { campaignId: string; groupId: string; year: number },
    wanted: (WantedReminder & { schedule: boolean })[],
    milestonesWithDeadline: string[],
  ): Promise<{ added: number; cancelled: number }> {
    return this.ds.transaction(async (m) => {
      // One writer per campaign at a time (an event and the start-up reconcile may meet).
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('notifications.reminders:' || $1))`, [
        c.campaignId,
      ]);
      const added: { id: string }[] = await m.query(
        `INSERT INTO ${SCHEMA}.reminders AS r
           (campaign_id, group_id, year, milestone_id, milestone_code, milestone_title, submission_kinds,
            offset_code, send_at, deadline_on, deadline_at)
         SELECT $1, $2, $3, w.milestone_id, w.code, w.title, string_to_array(w.kinds, ','), w.offset_code,
                w.send_at, w.deadline_on, w.deadline_at
         FROM unnest($4::uuid[], $5::varchar[], $6::text[], $7::text[], $8::varchar[], $9::timestamptz[],
                     $10::date[], $11::timestamptz[], $12::boolean[])
           AS w(milestone_id, code, title, kinds, offset_code, send_at, deadline_on, deadline_at, schedule)
         WHERE w.schedule
         ON CONFLICT (milestone_id, deadline_on, offset_code) DO UPDATE
           SET state = 'PENDING', reason = NULL, send_at = EXCLUDED.send_at,
               submission_kinds = EXCLUDED.submission_kinds, milestone_title = EXCLUDED.milestone_title,
               updated_at = now()
           WHERE r.state = 'CANCELLED' OR (r.state = 'PENDING' AND (r.send_at, r.submission_kinds, r.milestone_title)
                 IS DISTINCT FROM (EXCLUDED.send_at, EXCLUDED.submission_kinds, EXCLUDED.milestone_title))
         RETURNING id`,
        [
          c.campaignId,
          c.groupId,
          c.year,
          wanted.map((w) => w.milestoneId),
          wanted.map((w) => w.milestoneCode),
          wanted.map((w) => w.milestoneTitle),
          wanted.map((w) => w.submissionKinds.join(',')),
          wanted.map((w) => w.offsetCode),
          wanted.map((w) => w.sendAt.toISOString()),
          wanted.map((w) => w.deadlineOn),
          wanted.map((w) => w.deadlineAt.toISOString()),
          wanted.map((w) => w.schedule),
        ],
      );
      const cancelled: unknown = await m.query(
        `UPDATE ${SCHEMA}.reminders r
            SET state = 'CANCELLED',
                reason = CASE WHEN r.milestone_id = ANY($3::uuid[]) THEN 'MILESTONE_MOVED' ELSE 'MILESTONE_DELETED' END,
                claimed_by = NULL, lease_until = NULL, updated_at = now(), finished_at = now()
          WHERE r.campaign_id = $1 AND r.state = 'PENDING'
            AND (r.milestone_id, r.deadline_on, r.offset_code) NOT IN (
                  SELECT * FROM unnest($2::uuid[], $4::date[], $5::varchar[]))
          RETURNING id`,
        [
          c.campaignId,
          wanted.map((w) => w.milestoneId),
          milestonesWithDeadline,
          wanted.map((w) => w.deadlineOn),
          wanted.map((w) => w.offsetCode),
        ],
      );
      return { added: added.length, cancelled: affected(cancelled) };
    });
  }

  /** Cancels every pending reminder of a campaign that no longer exists. */
  async cancelCampaign(campaignId: string, reason: string): Promise<number> {
    const rows: unknown = await this.ds.query(
      `UPDATE ${SCHEMA}.reminders SET state = 'CANCELLED', reason = $2, claimed_by = NULL, lease_until = NULL,
              updated_at = now(), finished_at = now()
        WHERE campaign_id = $1 AND state = 'PENDING' RETURNING id`,
      [campaignId, reason],
    );
    return affected(rows);
  }

  /** Campaigns that still have pending reminders (the start-up reconcile checks each is still there). */
  /** The database's clock now (a reconcile's start, compared with rows' `updated_at`). */
  async clock(): Promise<Date> {
    const [{ t }]: { t: Date }[] = await this.ds.query(`SELECT clock_timestamp() AS t`);
    return t;
  }

  /**
   * Campaigns with pending reminders, none of them scheduled or changed since `before`: a campaign
   * rescheduled from an event while a reconcile listed the registry is not one it missed.
   */
  async pendingCampaigns(before: Date): Promise<string[]> {
    const rows: { campaign_id: string }[] = await this.ds.query(
      `SELECT campaign_id FROM ${SCHEMA}.reminders WHERE state = 'PENDING'
        GROUP BY campaign_id HAVING max(updated_at) < $1`,
      [before],
    );
    return rows.map((r) => r.campaign_id);
  }

  /**
   * Claims up to `limit` pending reminders due at `now` (business time) that nobody holds: each is
   * leased to `instance` for `leaseSeconds` of real time (FOR UPDATE SKIP LOCKED: instances never
   * claim the same row; a dead instance's lease runs out and another claims it again). With each,
   * the latest due reminder of the same deadline that is pending or was sent.
   */
  async claimDue(
    now: Date,
    instance: string,
    leaseSeconds: number,
    limit: number,
  ): Promise<ClaimedReminder[]> {
    return this.ds.query(
      `WITH picked AS (
         SELECT id FROM ${SCHEMA}.reminders
          WHERE state = 'PENDING' AND send_at <= $1 AND (lease_until IS NULL OR lease_until < now())
          ORDER BY send_at
          LIMIT $4
          FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE ${SCHEMA}.reminders r
            SET claimed_by = $2, lease_until = now() + make_interval(secs => $3), attempts = attempts + 1,
                updated_at = now()
           FROM picked WHERE r.id = picked.id
         RETURNING r.*)
       SELECT ${columns('c.')},
              (SELECT max(o.send_at) FROM ${SCHEMA}.reminders o
                WHERE o.milestone_id = c.milestone_id AND o.deadline_on = c.deadline_on
                  AND o.send_at <= $1 AND o.state IN ('PENDING', 'SENT')) AS latest_due
         FROM claimed c`,
      [now.toISOString(), instance, leaseSeconds, limit],
    );
  }

  /** Keeps a long fan-out's lease (false: the lease was lost to another instance). */
  async renewLease(id: string, instance: string, leaseSeconds: number): Promise<boolean> {
    const rows: unknown = await this.ds.query(
      `UPDATE ${SCHEMA}.reminders SET lease_until = now() + make_interval(secs => $3)
        WHERE id = $1 AND claimed_by = $2 AND state = 'PENDING' RETURNING id`,
      [id, instance, leaseSeconds],
    );
    return affected(rows) === 1;
  }

  /** Records the outcome of a claimed reminder (only while this instance still holds it). */
  async finish(
    id: string,
    instance: string,
    outcome: { state: 'SENT' | 'SKIPPED'; reason?: string; units?: number; recipients?: number },
  ): Promise<boolean> {
    const rows: unknown = await this.ds.query(
      `UPDATE ${SCHEMA}.reminders
          SET state = $3, reason = $4, units = $5, recipients = $6, claimed_by = NULL, lease_until = NULL,
              last_error = NULL, updated_at = now(), finished_at = now()
        WHERE id = $1 AND claimed_by = $2 AND state = 'PENDING' RETURNING id`,
      [
        id,
        instance,
        outcome.state,
        outcome.reason ?? null,
        outcome.units ?? null,
        outcome.recipients ?? null,
      ],
    );
    return affected(rows) === 1;
  }

  /** A failed attempt (intake or the registry unreachable): tried again after `retrySeconds`. */
  async retryLater(id: string, instance: string, error: string, retrySeconds: number): Promise<void> {
    await this.ds.query(
      `UPDATE ${SCHEMA}.reminders
          SET last_error = $3, lease_until = now() + make_interval(secs => $4), claimed_by = NULL, updated_at = now()
        WHERE id = $1 AND claimed_by = $2 AND state = 'PENDING'`,
      [id, instance, error.slice(0, 1000), retrySeconds],
    );
  }

  /** The schedule of a campaign (newest deadline first), for the board and the tests. */
  async ofCampaign(campaignId: string): Promise<ReminderRow[]> {
    return this.ds.query(
      `SELECT ${columns()} FROM ${SCHEMA}.reminders WHERE campaign_id = $1 ORDER BY deadline_on DESC, send_at`,
      [campaignId],
    );
  }

  /** Pending reminders and the oldest overdue one's age in seconds at `now` (metrics). */
  async pendingStats(now: Date): Promise<{ pending: number; overdue: number; oldestOverdueSeconds: number }> {
    const [r]: { pending: string; overdue: string; oldest: string | null }[] = await this.ds.query(
      `SELECT count(*) AS pending, count(*) FILTER (WHERE send_at <= $1) AS overdue,
              extract(epoch FROM $1::timestamptz - min(send_at) FILTER (WHERE send_at <= $1)) AS oldest
         FROM ${SCHEMA}.reminders WHERE state = 'PENDING'`,
      [now.toISOString()],
    );
    return {
      pending: Number(r.pending),
      overdue: Number(r.overdue),
      oldestOverdueSeconds: Number(r.oldest ?? 0),
    };
  }

  /** NOTIFICATIONS_CLOCK=database: the instant a test set, if any. */
  async testClock(): Promise<Date | undefined> {
    const rows: { now: Date }[] = await this.ds.query(`SELECT "now" FROM ${SCHEMA}.test_clock`);
    return rows[0]?.now;
  }

  /** Runs `fn` only if this instance takes the cluster-wide lock named `name` (else answers false). */
  async exclusively(name: string, fn: () => Promise<void>): Promise<boolean> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      const [{ ok }]: { ok: boolean }[] = await runner.query(
        `SELECT pg_try_advisory_lock(hashtext($1)) AS ok`,
        [name],
      );
      if (!ok) return false;
      try {
        await fn();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]);
      }
      return true;
    } finally {
      await runner.release();
    }
  }
}
