import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CampaignSubmissionsRequest, CampaignSubmissionsView, IntakeRpc } from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { CampaignsService } from './campaigns.service';

/** `intake.campaign.*` → the campaigns service. */
@Controller()
@UsePipes(RpcValidationPipe)
export class CampaignsHandler {
  constructor(private readonly campaigns: CampaignsService) {}

  @MessagePattern(IntakeRpc.campaignSubmissions.subject)
  submissions(@Payload() r: CampaignSubmissionsRequest): Promise<CampaignSubmissionsView> {
    return this.campaigns.submissions(r);
  }
}
