import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { CreateUserDto, ListUsersQuery, RegistryRpc, UpdateUserDto, UserAuditQuery } from '@tdkt/contracts';
import { Permission } from '@tdkt/domain';
import { RpcClient } from '@tdkt/platform';
import { IsUUID } from 'class-validator';
import { actorOf, AuthedRequest, Requires, RPC_CLIENT } from '../auth/auth.guard';
import {
  CreatedUserResponse,
  PasswordResetResponse,
  UserAuditPage,
  UserPage,
  UserResponse,
} from '../auth/auth.models';
import { JSON_TYPE } from '../http/problem';

class UserIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/**
 * User administration, the central board's (the gateway asks MANAGE_UNITS, the board's; the
 * registry checks again with its own policy, `mayManageUsers`). Every change is audited.
 */
@ApiTags('users')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Chỉ Ban Thi đua - Khen thưởng Trung ương' })
@Controller('users')
export class UsersController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get()
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'Danh sách người dùng; tìm theo tên đăng nhập, họ tên, e-mail',
  })
  @ApiOkResponse({ type: UserPage })
  list(@Req() req: AuthedRequest, @Query() q: ListUsersQuery) {
    return this.rpc.requestJson(RegistryRpc.userList, { ...q, actor: actorOf(req) });
  }

  @Get('audit')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiOperation({
    operationId: 'listUserAudit',
    summary: 'Nhật ký quản trị người dùng: ai, làm gì, khi nào, trước và sau (không có mật khẩu hay mã)',
  })
  @ApiOkResponse({ type: UserAuditPage })
  audit(@Req() req: AuthedRequest, @Query() q: UserAuditQuery) {
    return this.rpc.requestJson(RegistryRpc.userAudit, { ...q, actor: actorOf(req) });
  }

  @Post()
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiOperation({
    operationId: 'createUser',
    summary:
      'Tạo người dùng (họ tên, e-mail, đơn vị, vai trò); trả về mã dùng một lần để người dùng đặt mật khẩu',
  })
  @ApiCreatedResponse({ type: CreatedUserResponse })
  create(@Req() req: AuthedRequest, @Body() dto: CreateUserDto) {
    return this.rpc.requestJson(RegistryRpc.userCreate, { ...dto, actor: actorOf(req) });
  }

  @Get(':id')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiOperation({ operationId: 'getUser', summary: 'Một người dùng và các vai trò được giao' })
  @ApiOkResponse({ type: UserResponse })
  get(@Req() req: AuthedRequest, @Param() p: UserIdParam) {
    return this.rpc.requestJson(RegistryRpc.userGet, { id: p.id, actor: actorOf(req) });
  }

  @Patch(':id')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiOperation({
    operationId: 'updateUser',
    summary:
      'Sửa người dùng (họ tên, e-mail, đơn vị, vai trò) hoặc vô hiệu hóa (active: false, có hiệu lực trong vòng một phút)',
  })
  @ApiOkResponse({ type: UserResponse })
  update(@Req() req: AuthedRequest, @Param() p: UserIdParam, @Body() dto: UpdateUserDto) {
    return this.rpc.requestJson(RegistryRpc.userUpdate, { ...dto, id: p.id, actor: actorOf(req) });
  }

  @Post(':id/password-reset')
  @HttpCode(201)
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiOperation({
    operationId: 'resetUserPassword',
    summary:
      'Đặt lại mật khẩu: mật khẩu cũ hết hiệu lực, mọi phiên bị thu hồi; trả về mã dùng một lần (3 ngày)',
  })
  @ApiCreatedResponse({ type: PasswordResetResponse })
  resetPassword(@Req() req: AuthedRequest, @Param() p: UserIdParam) {
    return this.rpc.requestJson(RegistryRpc.userPasswordReset, { id: p.id, actor: actorOf(req) });
  }
}
