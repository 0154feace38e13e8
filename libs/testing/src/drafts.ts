/** Runs one statement and answers its rows (a pg Client's or TypeORM's `query`, adapted). */
export type RowsQuery = (sql: string, params: unknown[]) => Promise<{ id: string }[]>;

/**
 * `n` draft submissions of one unit, each with a confirmed file (as if uploaded and checked
 * earlier), written straight into intake's tables in one statement: the set-up of load and fault
 * runs that measure submits, not uploads. Answers their ids.
 */
export async function confirmedDrafts(
  query: RowsQuery,
  d: {
    campaignId: string;
    groupId: string;
    year: number;
    unitId: string;
    kind: string;
    n: number;
    objectKey: string;
  },
): Promise<string[]> {
  const rows = await query(
    `WITH s AS (
       INSERT INTO intake.submissions (id, campaign_id, group_id, year, unit_id, kind, state, created_by)
       SELECT gen_random_uuid(), $1, $2, $3, $4, $5, 'DRAFT', $4 FROM generate_series(1, $6) RETURNING id, unit_id),
     v AS (INSERT INTO intake.submission_versions (submission_id, number, state) SELECT id, 1, 'DRAFT' FROM s),
     f AS (
       INSERT INTO intake.files (id, submission_id, object_key, name, content_type, size, sha256, state,
         upload_expires_at, created_by, confirmed_at)
       SELECT gen_random_uuid(), s.id, $7, 'Minh chứng.pdf', 'application/pdf', 1000,
         repeat('a', 64), 'CONFIRMED', now(), s.unit_id, now() FROM s RETURNING id, submission_id),
     vf AS (INSERT INTO intake.version_files (submission_id, version, file_id) SELECT submission_id, 1, id FROM f)
     SELECT id FROM s`,
    [d.campaignId, d.groupId, d.year, d.unitId, d.kind, d.n, d.objectKey],
  );
  return rows.map((r) => r.id);
}
