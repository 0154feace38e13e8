/** Helpers for notifications tests: submissions that cause notices, extra officers, SQL probes. */
import { SubmissionKind } from '@tdkt/contracts';
import { DataSource } from 'typeorm';
import { attach, GROUP, pdf, YEAR } from './intake';
import { TestSystem } from './system';
import { client, success } from './api';

export const PDF = 'application/pdf';

export const address = (username: string): string => `${username}@demo.tdkt.local`;

/** A submission of `kind` with one confirmed PDF, submitted; answers its id and receipt. */
export async function submitOne(
  sys: TestSystem,
  token: string,
  kind: SubmissionKind = SubmissionKind.EVIDENCE,
  year = YEAR,
): Promise<{ id: string; receipt: { number: string } }> {
  const made = await success(
    client(sys, token).POST('/api/v1/submissions', {
      body: { groupId: GROUP, year, kind, title: `Hồ sơ ${kind}` },
    }),
  );
  if (made.status !== 201) throw new Error(`create ${kind}: ${made.status} ${JSON.stringify(made.data)}`);
  await attach(sys, token, made.data.id, { bytes: pdf(), contentType: PDF, fileName: `${kind}.pdf` });
  const r = await success(
    client(sys, token).POST('/api/v1/submissions/{submissionId}/submit', {
      params: {
        path: { submissionId: made.data.id },
        header: { 'Idempotency-Key': `notif-${made.data.id}` },
      },
    }),
  );
  if (r.status !== 201) throw new Error(`submit ${kind}: ${r.status} ${JSON.stringify(r.data)}`);
  return { id: made.data.id, receipt: r.data };
}

/**
 * Adds `n` more officers (UNIT_OFFICER, with an e-mail) to the unit of that code, straight into
 * the registry's tables (the registry has no user API yet); answers their usernames.
 */
export async function addOfficers(
  db: DataSource,
  unitCode: string,
  prefix: string,
  n: number,
): Promise<string[]> {
  const [unit]: { id: string }[] = await db.query(`SELECT id FROM registry.units WHERE code = $1`, [
    unitCode,
  ]);
  if (!unit) throw new Error(`no unit ${unitCode}`);
  const names = Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
  await db.query(
    `WITH u AS (
       INSERT INTO registry.users (username, display_name, password_hash, unit_id, email)
       SELECT x, 'Cán bộ ' || x, 'scrypt$disabled', $2, x || '@demo.tdkt.local' FROM unnest($1::text[]) AS x
       RETURNING id)
     INSERT INTO registry.role_assignments (user_id, role, unit_id) SELECT id, 'UNIT_OFFICER', $2 FROM u`,
    [names, unit.id],
  );
  return names;
}

export async function userId(db: DataSource, username: string): Promise<string> {
  const [u]: { id: string }[] = await db.query(`SELECT id FROM registry.users WHERE username = $1`, [
    username,
  ]);
  return u.id;
}

/** The e-mail deliveries of notices whose params name this submission. */
export async function deliveriesOf(
  db: DataSource,
  submissionId: string,
  kind: string,
): Promise<{ id: string; address: string; state: string; attempts: number; last_error: string | null }[]> {
  return db.query(
    `SELECT d.id, d.address, d.state, d.attempts, d.last_error FROM notifications.deliveries d
      WHERE d.kind = $2 AND d.source_key IN (
        SELECT source_key FROM notifications.inbox_items WHERE params->>'submissionId' = $1)
      ORDER BY d.address`,
    [submissionId, kind],
  );
}

/** E-mail deliveries not yet sent or failed (any cause). */
export async function pending(db: DataSource): Promise<number> {
  const [r]: { n: string }[] = await db.query(
    `SELECT count(*)::text AS n FROM notifications.deliveries WHERE state IN ('PENDING', 'SENDING')`,
  );
  return Number(r.n);
}
