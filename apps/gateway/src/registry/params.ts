import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsWellFormed, IsYear, YEAR_MAX, YEAR_MIN } from '@tdkt/contracts';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { actorOf, AuthedRequest } from '../auth/auth.guard';

export class IdParam {
  @ApiProperty({ description: 'UUID or code' })
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  id: string;
}

export class GroupParam {
  @ApiProperty({ description: 'Group UUID or code, e.g. cum-tn-dhmt' })
  @IsString()
  @IsWellFormed()
  @IsNotEmpty()
  @MaxLength(64)
  groupId: string;
}

export class GroupYearParam extends GroupParam {
  @ApiProperty({ example: 2023, minimum: YEAR_MIN, maximum: YEAR_MAX })
  @Type(() => Number)
  @IsYear()
  year: number;
}

/** A group-year request on the caller's behalf: the path's group and year, and the verified actor. */
export function groupYearOf(req: AuthedRequest, p: GroupYearParam) {
  return { groupId: p.groupId, year: p.year, actor: actorOf(req) };
}

export class MembershipParam extends GroupParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  membershipId: string;
}
