import { Controller, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GroupYearRequest, LeadershipView, RegistryRpc, SetLeadershipRequest } from '@tdkt/contracts';
import { InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { LeadershipService } from './leadership.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class LeadershipHandler {
  constructor(private readonly leadership: LeadershipService) {}

  @MessagePattern(RegistryRpc.leadershipGet.subject)
  get(@Payload() r: GroupYearRequest): Promise<LeadershipView> {
    return this.leadership.get(r);
  }

  @MessagePattern(RegistryRpc.leadershipSet.subject)
  @UseInterceptors(InvalidatesCache)
  set(@Payload() r: SetLeadershipRequest): Promise<LeadershipView> {
    return this.leadership.set(r);
  }
}
