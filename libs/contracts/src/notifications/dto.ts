import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { INT4_MAX, EACH_OBJECT, Omittable } from '../common';
import { ActorRequest } from '../intake/dto';
import { NoticeKind } from './kinds';

export const INBOX_PAGE_MAX = 100;

/** Query of GET /me/inbox. */
export class InboxQuery {
  @ApiProperty({ required: false, minimum: 1, maximum: INBOX_PAGE_MAX, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INBOX_PAGE_MAX)
  limit?: number;

  @ApiProperty({ required: false, description: 'nextCursor của trang trước (trang cũ hơn)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,16}\.[0-9a-f-]{36}$/, { message: 'phải là nextCursor của một trang trước' })
  before?: string;

  @ApiProperty({ required: false, type: Boolean, description: 'Chỉ tin chưa đọc (true/false)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class InboxListRequest extends ActorRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => InboxQuery)
  query: InboxQuery;
}

export class InboxItemRequest extends ActorRequest {
  @IsUUID()
  id: string;
}

export class KindPreferenceDto {
  @ApiProperty({ enum: NoticeKind })
  @IsEnum(NoticeKind)
  kind: NoticeKind;

  @ApiProperty()
  @IsBoolean()
  email: boolean;
}

/** Body of PUT /me/notification-preferences: the kinds listed change; the others stay. */
export class PreferencesDto {
  @ApiProperty({ type: [KindPreferenceDto], required: false })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: EACH_OBJECT })
  @ValidateNested({ each: true })
  @Type(() => KindPreferenceDto)
  kinds?: KindPreferenceDto[];

  @ApiProperty({
    required: false,
    description: 'Nhận thư tổng hợp hằng ngày (Cụm trưởng, Cụm phó, Ban TĐKT)',
  })
  @Omittable()
  @IsBoolean()
  dailyDigest?: boolean;
}

export class PreferencesPutRequest extends ActorRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => PreferencesDto)
  body: PreferencesDto;
}

/** Query of GET /notifications/failed. */
export class FailedQuery {
  @ApiProperty({ required: false, minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiProperty({ required: false, minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(INT4_MAX)
  offset?: number;
}

export class FailedListRequest extends ActorRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => FailedQuery)
  query: FailedQuery;
}

export class DeliveryRequest extends ActorRequest {
  @IsUUID()
  id: string;
}
