import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthUserView, LoginDto, RegistryRpc } from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { AuthService } from './auth.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class AuthHandler {
  constructor(private readonly auth: AuthService) {}

  @MessagePattern(RegistryRpc.authVerify.subject)
  verify(@Payload() dto: LoginDto): Promise<AuthUserView> {
    return this.auth.verify(dto);
  }
}
