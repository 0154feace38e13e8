import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope } from '@tdkt/contracts';
import type { HonourRule, TieBreak } from '@tdkt/domain';
import { addToOutbox, prepared, writeOnce } from '@tdkt/platform';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';
import type { MemberResultRow } from '../scores/scores.repository';

/** Everything one group's ranking needs, read in one statement. */
export interface RankingStateRow {
  /** null: the group-year has no row yet (never written: open). */
  locked: boolean | null;
  /** The latest published version's rules (null: none published). */
  scheme: { version: number; tie_breaks: TieBreak[]; honours: HonourRule } | null;
  results: MemberResultRow[];
}

/** What one group's ranking with the breakdown reads first, in one statement. */
export interface BreakdownStateRow {
  locked: boolean | null;
  /** The latest published version's rules (null: none published). */
  scheme: { version: number; tie_breaks: TieBreak[]; honours: HonourRule } | null;
  /** The kept breakdown's generation (null: no row yet) and body (null: not computed since the last change). */
  generation: string | null;
  body: string | null;
}

/** A member's stored result in the national table. */
export type YearResultRow = Pick<
  MemberResultRow,
  'member_id' | 'total' | 'at_maximum' | 'by_section' | 'tie_criteria'
> & { group_id: string };

/** The reads of rankings (from `member_results`, kept on each write) and the honours' announcement. */
@Injectable()
export class ResultsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The lock, the published rules and the stored member results of one group-year: one named
   * prepared statement, since this read carries the load of ranking pages (ten rows, not the
   * six hundred entries).
   */
  async rankingState(groupId: string, year: number): Promise<RankingStateRow> {
    const [state] = await prepared<RankingStateRow>(
      this.ds,
      'scoring_ranking_summary',
      `SELECT (SELECT locked FROM ${SCHEMA}.group_years WHERE group_id = $1 AND year = $2) AS locked,
         (SELECT row_to_json(s) FROM (SELECT version, tie_breaks, honours FROM ${SCHEMA}.schemes
            WHERE group_id = $1 AND year = $2 AND state = 'PUBLISHED' ORDER BY version DESC LIMIT 1) s) AS scheme,
         (SELECT coalesce(json_agg(m), '[]') FROM (SELECT member_id, total, self_total, at_maximum, by_section, tie_criteria
            FROM ${SCHEMA}.member_results WHERE group_id = $1 AND year = $2) m) AS results`,
      [groupId, year],
    );
    return state;
  }

  /**
   * The lock, the published rules and the kept breakdown of one group-year (named prepared
   * statement). Read before the entries, so that a breakdown computed from them is stored only if
   * no write moved the generation meanwhile (`saveBreakdown`).
   */
  async breakdownState(groupId: string, year: number): Promise<BreakdownStateRow> {
    const [state] = await prepared<BreakdownStateRow>(
      this.ds,
      'scoring_ranking_breakdown',
      `SELECT (SELECT locked FROM ${SCHEMA}.group_years WHERE group_id = $1 AND year = $2) AS locked,
         (SELECT row_to_json(s) FROM (SELECT version, tie_breaks, honours FROM ${SCHEMA}.schemes
            WHERE group_id = $1 AND year = $2 AND state = 'PUBLISHED' ORDER BY version DESC LIMIT 1) s) AS scheme,
         b.generation::text AS generation, b.body
       FROM (SELECT 1) one LEFT JOIN ${SCHEMA}.ranking_breakdowns b ON b.group_id = $1 AND b.year = $2`,
      [groupId, year],
    );
    return state;
  }

  /**
   * Keeps a computed breakdown, unless the group-year's entries changed since `generation` was read
   * (null: there was no row; a write since then created one with generation ≥ 1).
   */
  async saveBreakdown(
    groupId: string,
    year: number,
    generation: string | null,
    schemeVersion: number,
    body: string,
  ): Promise<void> {
    await this.ds.query(
      `INSERT INTO ${SCHEMA}.ranking_breakdowns AS b (group_id, year, generation, scheme_version, body)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (group_id, year) DO UPDATE SET scheme_version = EXCLUDED.scheme_version, body = EXCLUDED.body
       WHERE b.generation = EXCLUDED.generation`,
      [groupId, year, generation ?? '0', schemeVersion, body],
    );
  }

  /** Every stored member result of a year, grouped by group (ordered by group id). */
  yearResults(year: number): Promise<YearResultRow[]> {
    return this.ds.query(
      `SELECT group_id, member_id, total, at_maximum, by_section, tie_criteria FROM ${SCHEMA}.member_results
       WHERE year = $1 ORDER BY group_id`,
      [year],
    );
  }

  /** The tie-break rules of each group's latest published scheme of a year. */
  async yearTieBreaks(year: number): Promise<Map<string, TieBreak[]>> {
    const rows: { group_id: string; tie_breaks: TieBreak[] }[] = await this.ds.query(
      `SELECT DISTINCT ON (group_id) group_id, tie_breaks FROM ${SCHEMA}.schemes
       WHERE year = $1 AND state = 'PUBLISHED' ORDER BY group_id, version DESC`,
      [year],
    );
    return new Map(rows.map((x) => [x.group_id, x.tie_breaks]));
  }

  /**
   * Queues the honours' event: one statement, under an Idempotency-Key in a transaction of its own
   * (a retry with the same key does not announce twice).
   */
  async announce(event: EventEnvelope<unknown>): Promise<void> {
    await writeOnce(this.ds, (m) => addToOutbox(m, SCHEMA, [event]));
  }
}
