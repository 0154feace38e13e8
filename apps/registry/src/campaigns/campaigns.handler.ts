import { Controller, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CampaignView,
  GroupYearRequest,
  ListCampaignsRequest,
  RegistryRpc,
  UpsertCampaignRequest,
  UpsertMilestoneRequest,
} from '@tdkt/contracts';
import { InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { CampaignsService } from './campaigns.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class CampaignsHandler {
  constructor(private readonly campaigns: CampaignsService) {}

  @MessagePattern(RegistryRpc.campaignList.subject)
  list(@Payload() r: ListCampaignsRequest): Promise<CampaignView[]> {
    return this.campaigns.list(r);
  }

  @MessagePattern(RegistryRpc.campaignGet.subject)
  get(@Payload() r: GroupYearRequest): Promise<CampaignView> {
    return this.campaigns.get(r);
  }

  @MessagePattern(RegistryRpc.campaignUpsert.subject)
  @UseInterceptors(InvalidatesCache)
  upsert(@Payload() r: UpsertCampaignRequest): Promise<CampaignView> {
    return this.campaigns.upsert(r);
  }

  @MessagePattern(RegistryRpc.milestoneUpsert.subject)
  @UseInterceptors(InvalidatesCache)
  upsertMilestone(@Payload() r: UpsertMilestoneRequest): Promise<CampaignView> {
    return this.campaigns.upsertMilestone(r);
  }
}
