import { DataSource } from 'typeorm';
import type { Pool } from 'pg';

/**
 * Runs a hot query as a named prepared statement on the driver's pool: Postgres parses and plans it
 * once per connection instead of on every call. Use for the few statements that carry load.
 */
export async function prepared<T>(
  ds: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (ds.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
