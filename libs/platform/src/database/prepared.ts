import { DataSource } from 'typeorm';
import { pgPool } from '../adapters/typeorm-pg-pool';

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
  const result = await pgPool(ds).query({ name, text, values });
  return result.rows as T[];
}
