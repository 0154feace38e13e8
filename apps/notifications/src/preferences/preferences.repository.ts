import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';

export interface PreferenceRow {
  user_id: string;
  kind: string;
  email: boolean;
}

/** All SQL of preferences (per user and kind: e-mail on/off; DAILY_DIGEST's row is the digest option). */
@Injectable()
export class PreferencesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async ofUser(userId: string): Promise<PreferenceRow[]> {
    return this.ds.query(`SELECT user_id, kind, email FROM ${SCHEMA}.preferences WHERE user_id = $1`, [
      userId,
    ]);
  }

  /** The explicit choices of these users for one kind. */
  async forKind(userIds: string[], kind: string): Promise<PreferenceRow[]> {
    if (userIds.length === 0) return [];
    return this.ds.query(
      `SELECT user_id, kind, email FROM ${SCHEMA}.preferences WHERE kind = $2 AND user_id = ANY($1::uuid[])`,
      [userIds, kind],
    );
  }

  async put(userId: string, choices: { kind: string; email: boolean }[]): Promise<void> {
    if (choices.length === 0) return;
    await this.ds.query(
      `INSERT INTO ${SCHEMA}.preferences (user_id, kind, email)
       SELECT $1, k, e FROM unnest($2::varchar[], $3::boolean[]) AS c(k, e)
       ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`,
      [userId, choices.map((c) => c.kind), choices.map((c) => c.email)],
    );
  }

  /** Users who chose the daily digest. */
  async digestSubscribers(): Promise<string[]> {
    const rows: { user_id: string }[] = await this.ds.query(
      `SELECT user_id FROM ${SCHEMA}.preferences WHERE kind = 'DAILY_DIGEST' AND email ORDER BY user_id`,
    );
    return rows.map((r) => r.user_id);
  }
}
