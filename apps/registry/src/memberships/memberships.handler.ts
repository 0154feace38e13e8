import { Controller, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateMembershipRequest,
  CurrentSuccessorsView,
  MembersPageRequest,
  MembersPageView,
  MembersRequest,
  MembersView,
  MembershipView,
  RegistryRpc,
  UpdateMembershipRequest,
} from '@tdkt/contracts';
import { InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { MembershipsService } from './memberships.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class MembershipsHandler {
  constructor(private readonly memberships: MembershipsService) {}

  @MessagePattern(RegistryRpc.memberList.subject)
  members(@Payload() r: MembersRequest): Promise<MembersView> {
    return this.memberships.members(r);
  }

  @MessagePattern(RegistryRpc.memberPage.subject)
  membersPage(@Payload() r: MembersPageRequest): Promise<MembersPageView> {
    return this.memberships.membersPage(r);
  }

  @MessagePattern(RegistryRpc.memberCurrentSuccessors.subject)
  successors(@Payload() r: MembersRequest): Promise<CurrentSuccessorsView> {
    return this.memberships.currentSuccessors(r);
  }

  @MessagePattern(RegistryRpc.membershipCreate.subject)
  @UseInterceptors(InvalidatesCache)
  create(@Payload() r: CreateMembershipRequest): Promise<MembershipView> {
    return this.memberships.create(r);
  }

  @MessagePattern(RegistryRpc.membershipUpdate.subject)
  @UseInterceptors(InvalidatesCache)
  update(@Payload() r: UpdateMembershipRequest): Promise<MembershipView> {
    return this.memberships.update(r);
  }
}
