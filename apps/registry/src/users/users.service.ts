import { Injectable } from '@nestjs/common';
import type { RecipientsRequest, RecipientView } from '@tdkt/contracts';
import { UsersRepository } from './users.repository';
import { recipientView } from './users.views';

/**
 * Users as recipients of notifications. Internal (service to service: the gateway exposes no route
 * to it), so no caller's grants are asked; it answers names and addresses, never credentials.
 */
@Injectable()
export class UsersService {
  constructor(private readonly repo: UsersRepository) {}

  async recipients(req: RecipientsRequest): Promise<RecipientView[]> {
    const roles = new Set(req.roles ?? []);
    const groupYear = req.groupId && req.year ? { groupId: req.groupId, year: req.year } : null;
    const rows = await this.repo.recipients({
      unitIds: req.unitIds ?? [],
      groupId: groupYear?.groupId ?? null,
      year: groupYear?.year ?? null,
      chair: roles.has('CHAIR'),
      vice: roles.has('VICE_CHAIR'),
      members: roles.has('MEMBERS'),
      board: req.board === true,
      userIds: req.userIds ?? [],
    });
    return rows.map(recipientView);
  }
}
