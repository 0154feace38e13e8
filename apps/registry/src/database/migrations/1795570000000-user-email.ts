import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users' e-mail addresses (notifications). Hand-written, matches UserEntity.email. */
export class UserEmail1795570000000 implements MigrationInterface {
  name = 'UserEmail1795570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "registry"."users" ADD "email" character varying(254)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "registry"."users" DROP COLUMN "email"`);
  }
}
