import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LoginDto, RegistryRpc } from '@tdkt/contracts';
import { Public, RpcClient } from '@tdkt/platform';
import { LoginResponse, MeResponse } from '../http/api-models';
import { AuthedRequest, Claims, RPC_CLIENT } from './auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng nhập: trả về access token (JWT) với các vai trò và phạm vi' })
  @ApiOkResponse({ type: LoginResponse })
  async login(@Body() dto: LoginDto): Promise<LoginResponse> {
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
