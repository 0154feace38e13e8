import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LatePolicy, MilestoneDto } from '@tdkt/contracts';
import { nfc } from '@tdkt/domain';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';

export interface CampaignRow {
  id: string;
  group_id: string;
  year: number;
  title: string;
  late_policy: string;
}

export interface MilestoneRow {
  id: string;
  campaign_id: string;
  code: string;
  title: string;
  starts_on: string | null;
  due_on: string | null;
  anchor_code: string | null;
  offset_days: number | null;
  late_policy: string | null;
  submission_kinds: string[];
}

const CAMPAIGN_COLS = 'id, group_id, year, title, late_policy';
const MILESTONE_COLS =
  'id, campaign_id, code, title, starts_on, due_on, anchor_code, offset_days, late_policy, submission_kinds';

type Db = EntityManager | DataSource;

/** All SQL of campaigns (group-years) and their milestones. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A group's campaigns, the latest year first. */
  async ofGroup(groupId: string): Promise<CampaignRow[]> {
    return this.ds.query(
      `SELECT ${CAMPAIGN_COLS} FROM ${SCHEMA}.campaigns WHERE group_id = $1 ORDER BY year DESC`,
      [groupId],
    );
  }

  async find(groupId: string, year: number, m: Db = this.ds): Promise<CampaignRow | undefined> {
    const rows: CampaignRow[] = await m.query(
      `SELECT ${CAMPAIGN_COLS} FROM ${SCHEMA}.campaigns WHERE group_id = $1 AND year = $2`,
      [groupId, year],
    );
    return rows[0];
  }

  /** The milestones of the campaigns (any order). */
  async milestonesOf(campaignIds: string[], m: Db = this.ds): Promise<MilestoneRow[]> {
    if (campaignIds.length === 0) return [];
    return m.query(`SELECT ${MILESTONE_COLS} FROM ${SCHEMA}.milestones WHERE campaign_id = ANY($1::uuid[])`, [
      campaignIds,
    ]);
  }

  /** Creates the group-year's campaign or retitles it; its late policy changes only when given. */
  async upsert(
    m: EntityManager,
    groupId: string,
    year: number,
    title: string,
    latePolicy: LatePolicy | undefined,
  ): Promise<CampaignRow> {
    const [row]: CampaignRow[] = await m.query(
      `INSERT INTO ${SCHEMA}.campaigns (group_id, year, title, late_policy) VALUES ($1, $2, $3, $4)
       ON CONFLICT (group_id, year) DO UPDATE SET title = EXCLUDED.title,
         late_policy = COALESCE($5, ${SCHEMA}.campaigns.late_policy)
       RETURNING ${CAMPAIGN_COLS}`,
      [groupId, year, nfc(title), latePolicy ?? LatePolicy.REFUSE, latePolicy ?? null],
    );
    return row;
  }

  /** Serialises milestone changes of one campaign (the anchor check then holds). */
  async lock(m: EntityManager, campaignId: string): Promise<void> {
    await m.query(`SELECT 1 FROM ${SCHEMA}.campaigns WHERE id = $1 FOR UPDATE`, [campaignId]);
  }

  /** Adds the milestone, or changes the one of that code. */
  async upsertMilestone(m: EntityManager, campaignId: string, b: MilestoneDto): Promise<void> {
    await m.query(
      `INSERT INTO ${SCHEMA}.milestones (campaign_id, code, title, starts_on, due_on, anchor_code, offset_days, late_policy, submission_kinds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (campaign_id, code) DO UPDATE SET title = EXCLUDED.title, starts_on = EXCLUDED.starts_on,
         due_on = EXCLUDED.due_on, anchor_code = EXCLUDED.anchor_code, offset_days = EXCLUDED.offset_days,
         late_policy = EXCLUDED.late_policy, submission_kinds = EXCLUDED.submission_kinds`,
      [
        campaignId,
        b.code,
        nfc(b.title),
        b.startsOn ?? null,
        b.dueOn ?? null,
        b.anchorCode ?? null,
        b.offsetDays ?? null,
        b.latePolicy ?? null,
        [...new Set(b.submissionKinds ?? [])],
      ],
    );
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}
