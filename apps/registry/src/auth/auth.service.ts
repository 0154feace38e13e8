import { Injectable } from '@nestjs/common';
import { AuthUserView, LoginDto } from '@tdkt/contracts';
import { grantsAtSignIn, officerUnits } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { AuthRepository } from './auth.repository';
import { toAssignedRole, toAuthUserView, toUnitLeadership } from './auth.views';
import { verifyPassword } from './password';

/** A dummy hash so an unknown user costs as much time as a wrong password. */
const DUMMY = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(private readonly repo: AuthRepository) {}

  /**
   * Checks the password and returns the user's grants (the registry's policy, `grantsAtSignIn`):
   * the assigned roles, plus CHAIR / VICE_CHAIR for each group-year in which the officer's own unit
   * leads the group. An unknown user and a wrong password are the same LOGIN_FAILED.
   */
  async verify(dto: LoginDto): Promise<AuthUserView> {
    const user = await this.repo.activeUser(dto.username.normalize('NFC').toLowerCase());
    const ok = await verifyPassword(dto.password, user?.password_hash ?? DUMMY);
    if (!user || !ok) throw AppError.of('LOGIN_FAILED');
    const assigned = (await this.repo.roleAssignments(user.id)).map(toAssignedRole);
    const leads = (await this.repo.leadershipsOf(officerUnits(assigned))).map(toUnitLeadership);
    return toAuthUserView(user, grantsAtSignIn(assigned, leads));
  }
}
