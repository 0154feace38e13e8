import { ApiProperty } from '@nestjs/swagger';
import { LoginResponse, MeResponse, RoleGrantResponse } from '../http/api-models';

/** A signed-in session: a short-lived access token and the refresh token that renews it. */
export class SessionResponse extends LoginResponse {
  @ApiProperty({ description: 'Dùng một lần: POST /api/v1/auth/refresh trả về cặp token mới' })
  refreshToken: string;

  @ApiProperty({ format: 'date-time' }) refreshExpiresAt: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [RoleGrantResponse] }) roles: RoleGrantResponse[];
}

export class PasswordResetResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({
    description: 'Mã dùng một lần để người dùng đặt mật khẩu (POST /api/v1/auth/password/reset)',
  })
  resetToken: string;

  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class CreatedUserResponse extends UserResponse {
  @ApiProperty({ type: PasswordResetResponse }) passwordReset: PasswordResetResponse;
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class UserAuditResponse {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({
    example: 'USER_UPDATED',
    description:
      'USER_CREATED, USER_UPDATED, USER_DEACTIVATED, USER_REACTIVATED, PASSWORD_RESET_ISSUED, PASSWORD_RESET_USED, PASSWORD_CHANGED',
  })
  action: string;

  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'Người dùng trước thay đổi (họ tên, e-mail, đơn vị, vai trò, hiệu lực; không có mật khẩu hay mã)',
  })
  before: object | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'Người dùng sau thay đổi (cùng các trường như before)',
  })
  after: object | null;
}

export class UserAuditPage {
  @ApiProperty({ type: [UserAuditResponse] }) items: UserAuditResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export { MeResponse };
