import { Controller, Injectable, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CampaignView,
  GroupYearRequest,
  LatePolicy,
  ListCampaignsRequest,
  RegistryEvents,
  RegistryRpc,
  SubmissionKind,
  UpsertCampaignRequest,
  UpsertMilestoneRequest,
} from '@tdkt/contracts';
import { isValidDate, milestoneAnchorProblems, nfc, resolveMilestones } from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope, InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../database/entities';
import { GroupsService } from '../groups/groups.service';

interface CampaignRow {
  id: string;
  group_id: string;
  year: number;
  title: string;
  late_policy: string;
}
interface MilestoneRow {
  id: string;
  campaign_id: string;
  code: string;
  title: string;
  starts_on: string | null;
  due_on: string | null;
  anchor_code: string | null;
  offset_days: number | null;
  late_policy: string | null;
  submission_kinds: string[];
}

function toDates(r: MilestoneRow) {
  return {
    code: r.code,
    startsOn: r.starts_on,
    dueOn: r.due_on,
    anchorCode: r.anchor_code,
    offsetDays: r.offset_days,
  };
}

/** A group-year (campaign) and its dated milestones; deadlines close at the end of the day in Vietnam. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly groups: GroupsService,
  ) {}

  private async load(m: EntityManager | DataSource, campaigns: CampaignRow[]): Promise<CampaignView[]> {
    if (campaigns.length === 0) return [];
    const ms: MilestoneRow[] = await m.query(
      `SELECT * FROM ${SCHEMA}.milestones WHERE campaign_id = ANY($1::uuid[])`,
      [campaigns.map((c) => c.id)],
    );
    return campaigns.map((c) => {
      const own = ms.filter((x) => x.campaign_id === c.id);
      const resolved = resolveMilestones(own.map(toDates));
      const milestones = own
        .map((x) => {
          const due = resolved.get(x.code);
          return {
            id: x.id,
            code: x.code,
            title: x.title,
            startsOn: x.starts_on,
            dueOn: due?.dueOn ?? null,
            dueAt: due?.dueAt?.toISOString() ?? null,
            anchorCode: x.anchor_code,
            offsetDays: x.offset_days,
            latePolicy: (x.late_policy as LatePolicy | null) ?? null,
            submissionKinds: x.submission_kinds as SubmissionKind[],
          };
        })
        .sort(
          (a, b) =>
            (a.dueOn ?? a.startsOn ?? '9999').localeCompare(b.dueOn ?? b.startsOn ?? '9999') ||
            a.code.localeCompare(b.code),
        );
      return {
        id: c.id,
        groupId: c.group_id,
        year: c.year,
        title: c.title,
        latePolicy: c.late_policy as LatePolicy,
        milestones,
      };
    });
  }

  async list(r: ListCampaignsRequest): Promise<CampaignView[]> {
    const group = await this.groups.get(r.groupId);
    const rows: CampaignRow[] = await this.ds.query(
      `SELECT * FROM ${SCHEMA}.campaigns WHERE group_id = $1 ORDER BY year DESC`,
      [group.id],
    );
    return this.load(this.ds, rows);
  }

  async get(r: GroupYearRequest, m: EntityManager | DataSource = this.ds): Promise<CampaignView> {
    const group = await this.groups.get(r.groupId);
    const rows: CampaignRow[] = await m.query(
      `SELECT * FROM ${SCHEMA}.campaigns WHERE group_id = $1 AND year = $2`,
      [group.id, r.year],
    );
    if (rows.length === 0)
      throw AppError.notFound(`Chưa có kế hoạch thi đua năm ${r.year} của ${group.name}`);
    return (await this.load(m, rows))[0];
  }

  async upsert(r: UpsertCampaignRequest): Promise<CampaignView> {
    const group = await this.groups.get(r.groupId);
    return this.ds.transaction(async (m) => {
      const [row]: CampaignRow[] = await m.query(
        `INSERT INTO ${SCHEMA}.campaigns (group_id, year, title, late_policy) VALUES ($1, $2, $3, $4)
         ON CONFLICT (group_id, year) DO UPDATE SET title = EXCLUDED.title,
           late_policy = COALESCE($5, ${SCHEMA}.campaigns.late_policy)
         RETURNING *`,
        [
          group.id,
          r.year,
          nfc(r.body.title),
          r.body.latePolicy ?? LatePolicy.REFUSE,
          r.body.latePolicy ?? null,
        ],
      );
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.campaignChanged, { campaignId: row.id, groupId: group.id, year: r.year }),
      ]);
      return (await this.load(m, [row]))[0];
    });
  }

  async upsertMilestone(r: UpsertMilestoneRequest): Promise<CampaignView> {
    const b = r.body;
    for (const f of ['startsOn', 'dueOn'] as const) {
      if (b[f] && !isValidDate(b[f] as string)) throw AppError.field(f, 'is not a calendar date');
    }
    if (b.startsOn && b.dueOn && b.dueOn < b.startsOn)
      throw AppError.field('dueOn', 'must not be before startsOn');
    if ((b.anchorCode == null) !== (b.offsetDays == null)) {
      throw AppError.field(
        b.anchorCode == null ? 'anchorCode' : 'offsetDays',
        'anchorCode and offsetDays go together',
      );
    }
    if (b.anchorCode != null && b.dueOn)
      throw AppError.field('dueOn', 'a milestone is either dated or relative, not both');
    const current = await this.get(r);
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT 1 FROM ${SCHEMA}.campaigns WHERE id = $1 FOR UPDATE`, [current.id]);
      const existing: MilestoneRow[] = await m.query(
        `SELECT * FROM ${SCHEMA}.milestones WHERE campaign_id = $1`,
        [current.id],
      );
      const next = existing.filter((x) => x.code !== b.code).map(toDates);
      next.push({
        code: b.code,
        startsOn: b.startsOn ?? null,
        dueOn: b.dueOn ?? null,
        anchorCode: b.anchorCode ?? null,
        offsetDays: b.offsetDays ?? null,
      });
      const problems = milestoneAnchorProblems(next);
      if (problems.length > 0) throw AppError.field('anchorCode', problems.join('; '));
      await m.query(
        `INSERT INTO ${SCHEMA}.milestones (campaign_id, code, title, starts_on, due_on, anchor_code, offset_days, late_policy, submission_kinds)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (campaign_id, code) DO UPDATE SET title = EXCLUDED.title, starts_on = EXCLUDED.starts_on,
           due_on = EXCLUDED.due_on, anchor_code = EXCLUDED.anchor_code, offset_days = EXCLUDED.offset_days,
           late_policy = EXCLUDED.late_policy, submission_kinds = EXCLUDED.submission_kinds`,
        [
          current.id,
          b.code,
          nfc(b.title),
          b.startsOn ?? null,
          b.dueOn ?? null,
          b.anchorCode ?? null,
          b.offsetDays ?? null,
          b.latePolicy ?? null,
          [...new Set(b.submissionKinds ?? [])],
        ],
      );
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.campaignChanged, {
          campaignId: current.id,
          groupId: current.groupId,
          year: r.year,
        }),
      ]);
      return this.get(r, m);
    });
  }
}

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
