import { Injectable } from '@nestjs/common';
import {
  CampaignView,
  GroupYearRequest,
  ListCampaignsRequest,
  RegistryEvents,
  UpsertCampaignRequest,
  UpsertMilestoneRequest,
} from '@tdkt/contracts';
import { isValidDate, mayManageCampaign, milestoneAnchorIssues } from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope } from '@tdkt/platform';
import { EntityManager } from 'typeorm';
import { authorize } from '../access';
import { SCHEMA } from '../database/entities';
import { GroupRow } from '../groups/groups.repository';
import { GroupsService } from '../groups/groups.service';
import { CampaignRow, CampaignsRepository } from './campaigns.repository';
import { milestoneDates, toCampaignView } from './campaigns.views';

/** The fields of a milestone that do not depend on anything stored. */
function checkMilestoneFields(b: UpsertMilestoneRequest['body']): void {
  for (const f of ['startsOn', 'dueOn'] as const) {
    if (b[f] && !isValidDate(b[f] as string)) throw AppError.rule(f, 'isCalendarDate');
  }
  if (b.startsOn && b.dueOn && b.dueOn < b.startsOn) throw AppError.rule('dueOn', 'notBefore', ['startsOn']);
  if ((b.anchorCode == null) !== (b.offsetDays == null)) {
    throw AppError.rule(b.anchorCode == null ? 'anchorCode' : 'offsetDays', 'together', [
      'anchorCode',
      'offsetDays',
    ]);
  }
  if (b.anchorCode != null && b.dueOn) throw AppError.rule('dueOn', 'datedOrRelative');
}

/**
 * A group-year (campaign) and its dated milestones; deadlines close at the end of the day in
 * Vietnam. Changes are that year's chair's or the central board's: the registry's policy, checked
 * once the group is known (groups are readable by everyone signed in) and before the campaign is
 * read.
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly groups: GroupsService,
  ) {}

  private async view(c: CampaignRow, m?: EntityManager): Promise<CampaignView> {
    return toCampaignView(c, await this.repo.milestonesOf([c.id], m));
  }

  /** The group-year's campaign, or CAMPAIGN_NOT_FOUND. */
  private async load(group: GroupRow, year: number, m?: EntityManager): Promise<CampaignRow> {
    const c = await this.repo.find(group.id, year, m);
    if (!c) throw AppError.of('CAMPAIGN_NOT_FOUND', { year, group: group.name });
    return c;
  }

  async list(r: ListCampaignsRequest): Promise<CampaignView[]> {
    const group = await this.groups.load(r.groupId);
    const rows = await this.repo.ofGroup(group.id);
    const milestones = await this.repo.milestonesOf(rows.map((c) => c.id));
    return rows.map((c) => toCampaignView(c, milestones));
  }

  async get(r: GroupYearRequest): Promise<CampaignView> {
    const group = await this.groups.load(r.groupId);
    return this.view(await this.load(group, r.year));
  }

  async upsert(r: UpsertCampaignRequest): Promise<CampaignView> {
    const group = await this.groups.load(r.groupId);
    authorize(r.actor, (grants) => mayManageCampaign(grants, group.id, r.year), { year: r.year });
    return this.repo.transaction(async (m) => {
      const row = await this.repo.upsert(m, group.id, r.year, r.body.title, r.body.latePolicy);
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.campaignChanged, { campaignId: row.id, groupId: group.id, year: r.year }),
      ]);
      return this.view(row, m);
    });
  }

  async upsertMilestone(r: UpsertMilestoneRequest): Promise<CampaignView> {
    const b = r.body;
    checkMilestoneFields(b);
    const group = await this.groups.load(r.groupId);
    authorize(r.actor, (grants) => mayManageCampaign(grants, group.id, r.year), { year: r.year });
    const campaign = await this.load(group, r.year);
    return this.repo.transaction(async (m) => {
      await this.repo.lock(m, campaign.id);
      const existing = await this.repo.milestonesOf([campaign.id], m);
      const next = existing.filter((x) => x.code !== b.code).map(milestoneDates);
      next.push({
        code: b.code,
        startsOn: b.startsOn ?? null,
        dueOn: b.dueOn ?? null,
        anchorCode: b.anchorCode ?? null,
        offsetDays: b.offsetDays ?? null,
      });
      const [issue] = milestoneAnchorIssues(next);
      if (issue) {
        const reason =
          issue.issue === 'CYCLE' ? 'CAMPAIGN_MILESTONE_ANCHOR_CYCLE' : 'CAMPAIGN_MILESTONE_ANCHOR_MISSING';
        throw AppError.of(reason, { code: issue.code, anchorCode: issue.anchorCode }, 'anchorCode');
      }
      await this.repo.upsertMilestone(m, campaign.id, b);
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.campaignChanged, {
          campaignId: campaign.id,
          groupId: campaign.group_id,
          year: r.year,
        }),
      ]);
      return this.view(await this.load(group, r.year, m), m);
    });
  }
}
