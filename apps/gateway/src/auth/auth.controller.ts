import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  AuthUserView,
  ChangePasswordDto,
  CompletePasswordResetDto,
  ErrorCode,
  errorMessage,
  LoginDto,
  RefreshDto,
  RegistryRpc,
} from '@tdkt/contracts';
import { Public, RpcClient } from '@tdkt/platform';
import type { GatewayConfig } from '../config';
import { MeResponse } from '../http/api-models';
import { problem, ProblemException } from '../http/problem';
import { RateLimiter } from '../http/rate-limit';
import { actorOf, AuthedRequest, Claims, RPC_CLIENT } from './auth.guard';
import { SessionResponse } from './auth.models';
import { AUTH_CONFIG } from './auth.providers';
import { ClientAddress } from './client-address';
import { TokenCache } from './token-cache';

export const LOGIN_LIMITER = Symbol('LOGIN_LIMITER');

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  raw: { socket: { remoteAddress?: string } };
}
interface HttpReply {
  header(k: string, v: string): void;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
    @Inject(LOGIN_LIMITER) private readonly limiter: RateLimiter,
    @Inject(AUTH_CONFIG) private readonly config: GatewayConfig,
    private readonly address: ClientAddress,
    private readonly tokens: TokenCache,
  ) {}

  /**
   * Counted per client address (X-Forwarded-For only from TRUSTED_PROXIES) and per account, in
   * the registry, so every gateway instance shares the count: over either limit, 429 with
   * Retry-After. The local limiter only spares the registry a flood from one address.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'login',
    summary:
      'Đăng nhập: access token ngắn hạn (JWT, 15 phút) và refresh token; giới hạn số lần thử theo địa chỉ và tài khoản',
  })
  @ApiOkResponse({ type: SessionResponse })
  @ApiUnauthorizedResponse({ description: 'Sai tên đăng nhập hoặc mật khẩu (LOGIN_FAILED)' })
  @ApiTooManyRequestsResponse({ description: 'Quá nhiều lần thử (LOGIN_THROTTLED); xem Retry-After' })
  async login(
    @Body() dto: LoginDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) reply: HttpReply,
  ): Promise<SessionResponse> {
    const addr = this.address.of(req.raw.socket.remoteAddress, req.headers['x-forwarded-for']);
    let wait = this.limiter.hit(addr);
    const keys = [
      { key: `addr:${addr}`, limit: this.config.LOGIN_ATTEMPTS_PER_MINUTE },
      {
        key: `acct:${dto.username.normalize('NFC').trim().toLowerCase()}`,
        limit: this.config.LOGIN_ATTEMPTS_PER_ACCOUNT_PER_MINUTE,
      },
    ].filter((k) => k.limit > 0);
    if (wait === 0 && keys.length)
      wait = (await this.rpc.request(RegistryRpc.authThrottle, { keys })).retryAfter;
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      const detail = errorMessage('LOGIN_THROTTLED', { seconds: wait });
      throw new ProblemException(
        problem(429, detail, ErrorCode.RATE_LIMITED, undefined, undefined, 'LOGIN_THROTTLED'),
      );
    }
    const s = await this.rpc.request(RegistryRpc.authLogin, {
      username: dto.username,
      password: dto.password,
      refreshTtlSeconds: this.config.REFRESH_TTL_SECONDS,
    });
    // Only failures hold the limit: a successful sign-in gives its attempt back.
    // (Best effort: the session is open already; a lost refund only counts one attempt too many.)
    if (keys.length)
      await this.rpc.request(RegistryRpc.authThrottle, { keys, refund: true }).catch(() => undefined);
    return this.session(s.user, s.sessionId, s.refreshToken, s.refreshExpiresAt);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshSession',
    summary:
      'Làm mới phiên: đổi refresh token (dùng một lần) lấy cặp token mới; dùng lại token cũ sẽ thu hồi cả phiên',
  })
  @ApiOkResponse({ type: SessionResponse })
  @ApiUnauthorizedResponse({ description: 'Refresh token không hợp lệ, đã dùng hoặc phiên đã bị thu hồi' })
  async refresh(@Body() dto: RefreshDto): Promise<SessionResponse> {
    const s = await this.rpc.request(RegistryRpc.authRefresh, dto);
    return this.session(s.user, s.sessionId, s.refreshToken, s.refreshExpiresAt);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'logout',
    summary: 'Đăng xuất: thu hồi phiên (refresh token và access token) trên mọi máy chủ trong vòng một phút',
  })
  @ApiNoContentResponse({ description: 'Đã đăng xuất' })
  async logout(@Req() req: AuthedRequest): Promise<void> {
    const c = req.user as Claims;
    if (!c.sid) return;
    await this.rpc.request(RegistryRpc.authLogout, { sessionId: c.sid, userId: c.sub });
    this.tokens.revoke(c.sub, c.sid);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Đổi mật khẩu của chính mình (mật khẩu cũ và mới); mọi phiên bị thu hồi, hãy đăng nhập lại',
  })
  @ApiNoContentResponse({ description: 'Đã đổi mật khẩu' })
  async changePassword(@Req() req: AuthedRequest, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.rpc.request(RegistryRpc.passwordChange, { ...dto, actor: actorOf(req) });
  }

  @Public()
  @Post('password/reset')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'completePasswordReset',
    summary: 'Đặt mật khẩu mới bằng mã đặt lại (dùng một lần) do Ban Thi đua - Khen thưởng cấp',
  })
  @ApiNoContentResponse({ description: 'Đã đặt mật khẩu; đăng nhập bằng mật khẩu mới' })
  async completeReset(@Body() dto: CompletePasswordResetDto): Promise<void> {
    await this.rpc.request(RegistryRpc.passwordResetComplete, dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'getMe', summary: 'Người dùng hiện tại và vai trò' })
  @ApiOkResponse({ type: MeResponse })
  me(@Req() req: AuthedRequest): MeResponse {
    const u = req.user as Claims;
    return { id: u.sub, username: u.username, displayName: u.name, unitId: u.unitId, roles: u.roles };
  }

  private async session(
    user: AuthUserView,
    sessionId: string,
    refreshToken: string,
    refreshExpiresAt: string,
  ): Promise<SessionResponse> {
    const claims: Claims = {
      sub: user.id,
      username: user.username,
      name: user.displayName,
      unitId: user.unitId,
      roles: user.roles,
      sid: sessionId,
    };
    const accessToken = await this.jwt.signAsync(claims);
    const decoded = this.jwt.decode<{ exp: number }>(accessToken);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresAt: new Date(decoded.exp * 1000).toISOString(),
      refreshToken,
      refreshExpiresAt,
      user,
    };
  }
}
