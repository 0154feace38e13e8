import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AuthUserView,
  ChangePasswordRequest,
  CompletePasswordResetDto,
  ExternalUserRequest,
  LoginDto,
  RefreshDto,
  RegistryRpc,
  SessionLoginRequest,
  SessionRequest,
  SessionStateView,
  SessionView,
  ThrottleRequest,
  ThrottleView,
} from '@tdkt/contracts';
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

  @MessagePattern(RegistryRpc.authLogin.subject)
  login(@Payload() dto: SessionLoginRequest): Promise<SessionView> {
    return this.auth.login(dto);
  }

  @MessagePattern(RegistryRpc.authRefresh.subject)
  refresh(@Payload() dto: RefreshDto): Promise<SessionView> {
    return this.auth.refresh(dto);
  }

  @MessagePattern(RegistryRpc.authLogout.subject)
  logout(@Payload() dto: SessionRequest): Promise<SessionStateView> {
    return this.auth.logout(dto);
  }

  @MessagePattern(RegistryRpc.authSession.subject)
  session(@Payload() dto: SessionRequest): Promise<SessionStateView> {
    return this.auth.session(dto);
  }

  @MessagePattern(RegistryRpc.authExternal.subject)
  external(@Payload() dto: ExternalUserRequest): Promise<AuthUserView> {
    return this.auth.external(dto);
  }

  @MessagePattern(RegistryRpc.authThrottle.subject)
  throttle(@Payload() dto: ThrottleRequest): Promise<ThrottleView> {
    return this.auth.throttle(dto);
  }

  @MessagePattern(RegistryRpc.passwordChange.subject)
  changePassword(@Payload() dto: ChangePasswordRequest): Promise<SessionStateView> {
    return this.auth.changePassword(dto);
  }

  @MessagePattern(RegistryRpc.passwordResetComplete.subject)
  completeReset(@Payload() dto: CompletePasswordResetDto): Promise<SessionStateView> {
    return this.auth.completeReset(dto);
  }
}
