import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who to notify is asked by unit (a unit's officers) and by group-year (users granted CHAIR or
 * VICE_CHAIR there): without these, `registry.user.recipients` scans every role assignment, which
 * at 100,000 units is the whole table per notice.
 */
export class RoleAssignmentLookups1795590000000 implements MigrationInterface {
  name = 'RoleAssignmentLookups1795590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "role_assignments_unit" ON "registry"."role_assignments" ("unit_id", "role")`,
    );
    await q.query(
      `CREATE INDEX "role_assignments_group_year" ON "registry"."role_assignments" ("group_id", "year", "role")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "registry"."role_assignments_group_year"`);
    await q.query(`DROP INDEX "registry"."role_assignments_unit"`);
  }
}
