import { Injectable } from '@nestjs/common';
import { FileView, GroupYearActorRequest, RankingRequest } from '@tdkt/contracts';
import { GroupDirectory, GroupYear } from '../registry/group-directory';
import { ResultsService } from '../results/results.service';
import { SchemesService } from '../schemes/schemes.service';
import { honoursWorkbook, rankingWorkbook, ResultsContext } from './results-xlsx';

/**
 * The ranking and the honour proposals as printable workbooks. Built on the results' own public
 * methods (who may read them, the lock, the rules are theirs), plus the scheme the results were
 * computed with (its section titles) and the group's member names.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly results: ResultsService,
    private readonly schemes: SchemesService,
    private readonly groups: GroupDirectory,
  ) {}

  async rankingXlsx(r: RankingRequest): Promise<FileView> {
    const view = await this.results.ranking({ ...r, breakdown: false });
    return rankingWorkbook(view, await this.context(r, view.schemeVersion));
  }

  async honoursXlsx(r: GroupYearActorRequest): Promise<FileView> {
    const view = await this.results.honours(r, false);
    return honoursWorkbook(view, await this.context(r, view.schemeVersion));
  }

  private async context(r: GroupYearActorRequest, version: number): Promise<ResultsContext> {
    const gy: GroupYear = await this.groups.get(r.groupId, r.year);
    // The caller has read the results; the scheme's titles only name the columns (codes otherwise).
    const scheme = await this.schemes
      .get({ actor: r.actor, groupId: gy.groupId, year: r.year, version })
      .then((s) => s.scheme)
      .catch(() => null);
    return { groupName: gy.groupName, scheme, names: new Map(gy.members.map((m) => [m.unitId, m.unitName])) };
  }
}
