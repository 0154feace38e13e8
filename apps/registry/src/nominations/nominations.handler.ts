import { Controller, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ConferencesRequest,
  LeadershipView,
  NominationsRequest,
  NominationsView,
  RegistryRpc,
} from '@tdkt/contracts';
import { InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { NominationsService } from './nominations.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class NominationsHandler {
  constructor(private readonly nominations: NominationsService) {}

  @MessagePattern(RegistryRpc.nominationsGet.subject)
  get(@Payload() r: ConferencesRequest): Promise<NominationsView> {
    return this.nominations.get(r);
  }

  @MessagePattern(RegistryRpc.nominationsPut.subject)
  put(@Payload() r: NominationsRequest): Promise<NominationsView> {
    return this.nominations.put(r);
  }

  /** Writes next year's leadership (cached reads). */
  @MessagePattern(RegistryRpc.nominationsConfirm.subject)
  @UseInterceptors(InvalidatesCache)
  confirm(@Payload() r: ConferencesRequest): Promise<LeadershipView> {
    return this.nominations.confirm(r);
  }
}
