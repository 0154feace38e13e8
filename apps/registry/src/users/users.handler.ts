import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatedUserView,
  CreateUserRequest,
  ListUsersRequest,
  Page,
  PasswordResetView,
  RecipientsRequest,
  RecipientView,
  RegistryRpc,
  UpdateUserRequest,
  UserAuditRequest,
  UserAuditView,
  UserIdRequest,
  UserView,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { UsersService } from './users.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class UsersHandler {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(RegistryRpc.userRecipients.subject)
  recipients(@Payload() dto: RecipientsRequest): Promise<RecipientView[]> {
    return this.users.recipients(dto);
  }

  @MessagePattern(RegistryRpc.userList.subject)
  list(@Payload() dto: ListUsersRequest): Promise<Page<UserView>> {
    return this.users.list(dto);
  }

  @MessagePattern(RegistryRpc.userGet.subject)
  get(@Payload() dto: UserIdRequest): Promise<UserView> {
    return this.users.get(dto);
  }

  @MessagePattern(RegistryRpc.userCreate.subject)
  create(@Payload() dto: CreateUserRequest): Promise<CreatedUserView> {
    return this.users.create(dto);
  }

  @MessagePattern(RegistryRpc.userUpdate.subject)
  update(@Payload() dto: UpdateUserRequest): Promise<UserView> {
    return this.users.update(dto);
  }

  @MessagePattern(RegistryRpc.userPasswordReset.subject)
  resetPassword(@Payload() dto: UserIdRequest): Promise<PasswordResetView> {
    return this.users.resetPassword(dto);
  }

  @MessagePattern(RegistryRpc.userAudit.subject)
  audit(@Payload() dto: UserAuditRequest): Promise<Page<UserAuditView>> {
    return this.users.audit(dto);
  }
}
