import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RecipientsRequest, RecipientView, RegistryRpc } from '@tdkt/contracts';
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
}
