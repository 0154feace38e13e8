import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FileView, GroupYearActorRequest, RankingRequest, ScoringRpc } from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { ExportsService } from './exports.service';

/** `scoring.ranking.xlsx`, `scoring.honours.xlsx`: the ranking and the honour proposals as printable workbooks. */
@Controller()
@UsePipes(RpcValidationPipe)
export class ExportsHandler {
  constructor(private readonly exports: ExportsService) {}

  @MessagePattern(ScoringRpc.rankingXlsx.subject)
  ranking(@Payload() r: RankingRequest): Promise<FileView> {
    return this.exports.rankingXlsx(r);
  }

  @MessagePattern(ScoringRpc.honoursXlsx.subject)
  honours(@Payload() r: GroupYearActorRequest): Promise<FileView> {
    return this.exports.honoursXlsx(r);
  }
}
