import { Inject, Injectable } from '@nestjs/common';
import { CampaignSubmissionsRequest, CampaignSubmissionsView } from '@tdkt/contracts';
import { mayListCampaign } from '@tdkt/domain';
import { authorize } from '../access';
import { CAMPAIGNS, CampaignDirectory } from './campaign-directory';
import { CampaignsRepository } from './campaigns.repository';
import { campaignSubmissionsView } from './campaigns.views';

/** A campaign as intake sees it: who of its members submitted what, and what is missing or late. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly repo: CampaignsRepository,
    @Inject(CAMPAIGNS) private readonly campaigns: CampaignDirectory,
  ) {}

  /** The chair's list: every member of the year, what it submitted, what is missing or late. */
  async submissions(r: CampaignSubmissionsRequest): Promise<CampaignSubmissionsView> {
    // Who may see the list comes before the campaign is looked at.
    const groupId = await this.campaigns.groupId(r.groupId);
    authorize(r.actor, (grants) => mayListCampaign(grants, groupId, r.year));
    const ctx = await this.campaigns.get(r.groupId, r.year);
    const rows = await this.repo.submitted(ctx.campaign.id, r.kind);
    return campaignSubmissionsView(ctx, rows, r.kind, new Date());
  }
}
