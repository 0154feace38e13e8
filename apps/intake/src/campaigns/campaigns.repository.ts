import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';
import type { SubmissionListRow } from '../submissions/submissions.repository';

/** What a campaign's list reads of intake's tables. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Submissions of a campaign that were submitted at least once, with their latest receipt. */
  async submitted(campaignId: string, kind?: string): Promise<SubmissionListRow[]> {
    return this.ds.query(
      `SELECT s.*, lv.submitted_at, lv.receipt_number FROM ${SCHEMA}.submissions s
       LEFT JOIN LATERAL (SELECT v.submitted_at, v.receipt_number FROM ${SCHEMA}.submission_versions v
         WHERE v.submission_id = s.id AND v.submitted_at IS NOT NULL ORDER BY v.number DESC LIMIT 1) lv ON true
       WHERE s.campaign_id = $1 AND s.ever_submitted AND ($2::text IS NULL OR s.kind = $2)
       ORDER BY s.unit_id, s.kind, s.created_at`,
      [campaignId, kind ?? null],
    );
  }
}
