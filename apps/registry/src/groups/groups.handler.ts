import { Controller, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateGroupDto,
  CreateSubgroupRequest,
  GroupView,
  IdRequest,
  ListGroupsQuery,
  Page,
  RegistryRpc,
  SubgroupView,
  UpdateGroupRequest,
} from '@tdkt/contracts';
import { InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { GroupsService } from './groups.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class GroupsHandler {
  constructor(private readonly groups: GroupsService) {}

  @MessagePattern(RegistryRpc.groupList.subject)
  list(@Payload() q: ListGroupsQuery): Promise<Page<GroupView>> {
    return this.groups.list(q);
  }

  @MessagePattern(RegistryRpc.groupGet.subject)
  get(@Payload() r: IdRequest): Promise<GroupView> {
    return this.groups.get(r.id);
  }

  @MessagePattern(RegistryRpc.groupCreate.subject)
  @UseInterceptors(InvalidatesCache)
  create(@Payload() dto: CreateGroupDto): Promise<GroupView> {
    return this.groups.create(dto);
  }

  @MessagePattern(RegistryRpc.groupUpdate.subject)
  @UseInterceptors(InvalidatesCache)
  update(@Payload() r: UpdateGroupRequest): Promise<GroupView> {
    return this.groups.update(r.id, r.patch);
  }

  @MessagePattern(RegistryRpc.subgroupList.subject)
  subgroups(@Payload() r: IdRequest): Promise<SubgroupView[]> {
    return this.groups.subgroups(r.id);
  }

  @MessagePattern(RegistryRpc.subgroupCreate.subject)
  @UseInterceptors(InvalidatesCache)
  createSubgroup(@Payload() r: CreateSubgroupRequest): Promise<SubgroupView> {
    return this.groups.createSubgroup(r);
  }
}
