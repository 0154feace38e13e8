import { Controller, Injectable, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthUserView, LeadershipRole, LoginDto, RegistryRpc, Role, RoleGrant } from '@tdkt/contracts';
import { AppError, RpcValidationPipe } from '@tdkt/platform';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { verifyPassword } from './password';

/** A dummy hash so an unknown user costs as much time as a wrong password. */
const DUMMY = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Checks the password and returns the user's grants: the assigned roles, plus CHAIR / VICE_CHAIR
   * for each group-year in which the officer's own unit leads the group.
   */
  async verify(dto: LoginDto): Promise<AuthUserView> {
    const [user] = await this.ds.query(
      `SELECT id, username, display_name, password_hash, unit_id FROM ${SCHEMA}.users WHERE username = $1 AND active`,
      [dto.username.normalize('NFC').toLowerCase()],
    );
    const ok = await verifyPassword(dto.password, user?.password_hash ?? DUMMY);
    if (!user || !ok) throw AppError.unauthenticated();
    const assigned: { role: Role; unit_id: string | null; group_id: string | null; year: number | null }[] =
      await this.ds.query(
        `SELECT role, unit_id, group_id, year FROM ${SCHEMA}.role_assignments WHERE user_id = $1`,
        [user.id],
      );
    const roles: RoleGrant[] = assigned.map((a) => ({
      role: a.role,
      unitId: a.unit_id,
      groupId: a.group_id,
      year: a.year,
    }));
    const officerOf = assigned
      .filter((a) => a.role === Role.UNIT_OFFICER && a.unit_id)
      .map((a) => a.unit_id as string);
    if (officerOf.length > 0) {
      const leads: { group_id: string; year: number; role: string }[] = await this.ds.query(
        `SELECT group_id, year, role FROM ${SCHEMA}.leaderships WHERE unit_id = ANY($1::uuid[])`,
        [officerOf],
      );
      for (const l of leads) {
        roles.push({
          role: l.role === LeadershipRole.CHAIR ? Role.CHAIR : Role.VICE_CHAIR,
          groupId: l.group_id,
          year: l.year,
        });
      }
    }
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      unitId: user.unit_id,
      roles,
    };
  }
}

@Controller()
@UsePipes(RpcValidationPipe)
export class AuthHandler {
  constructor(private readonly auth: AuthService) {}

  @MessagePattern(RegistryRpc.authVerify.subject)
  verify(@Payload() dto: LoginDto): Promise<AuthUserView> {
    return this.auth.verify(dto);
  }
}
