import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ErrorCode, errorMessage, LoginDto, RegistryRpc } from '@tdkt/contracts';
import { Public, RpcClient } from '@tdkt/platform';
import { LoginResponse, MeResponse } from '../http/api-models';
import { problem, ProblemException } from '../http/problem';
import { RateLimiter } from '../http/rate-limit';
import { AuthedRequest, Claims, RPC_CLIENT } from './auth.guard';

export const LOGIN_LIMITER = Symbol('LOGIN_LIMITER');

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
    @Inject(LOGIN_LIMITER) private readonly limiter: RateLimiter,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng nhập: trả về access token (JWT) với các vai trò và phạm vi' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address; see Retry-After' })
  async login(
    @Body() dto: LoginDto,
    @Req() req: { ip: string },
    @Res({ passthrough: true }) reply: { header(k: string, v: string): void },
  ): Promise<LoginResponse> {
    const wait = this.limiter.hit(req.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      const detail = errorMessage('LOGIN_THROTTLED', { seconds: wait });
      throw new ProblemException(
        problem(429, detail, ErrorCode.RATE_LIMITED, undefined, undefined, 'LOGIN_THROTTLED'),
      );
    }
    const user = await this.rpc.request(RegistryRpc.authVerify, dto);
    const claims: Claims = {
      sub: user.id,
      username: user.username,
      name: user.displayName,
      unitId: user.unitId,
      roles: user.roles,
    };
    const accessToken = await this.jwt.signAsync(claims);
    const decoded = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(decoded.exp * 1000).toISOString(), user };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Người dùng hiện tại và vai trò' })
  @ApiOkResponse({ type: MeResponse })
  me(@Req() req: AuthedRequest): MeResponse {
    const u = req.user as Claims;
    return { id: u.sub, username: u.username, displayName: u.name, unitId: u.unitId, roles: u.roles };
  }
}
