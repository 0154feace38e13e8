import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class IdParam {
  @ApiProperty({ description: 'UUID or code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  id: string;
}

export class GroupParam {
  @ApiProperty({ description: 'Group UUID or code, e.g. cum-tn-dhmt' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;
}

export class GroupYearParam extends GroupParam {
  @ApiProperty({ example: 2023 })
  @Type(() => Number)
  @IsInt()
  @Min(1945)
  @Max(2200)
  year: number;
}

export class MembershipParam extends GroupParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  membershipId: string;
}
