import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ChangesRequest,
  FileView,
  SchemeXlsxImportRequest,
  GroupYearActorRequest,
  GroupYearStateView,
  HonoursView,
  MemberRequest,
  MemberScoresView,
  PutSchemeRequest,
  PutScoresRequest,
  RankingRequest,
  RankingView,
  RankYearRequest,
  YearRankingView,
  ReopenRequest,
  SchemeGetRequest,
  SchemeView,
  ScoreChangeView,
  ScoringRpc,
  SelfScoreSheetView,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { ResultsService } from './results/results.service';
import { SchemesService } from './schemes/schemes.service';
import { ScoresService } from './scores/scores.service';
import { SelfScoreSheetsService } from './sheets/self-score-sheets.service';

/** `scoring.*` subjects → services. Payloads are validated against the contracts' classes. */
@Controller()
@UsePipes(RpcValidationPipe)
export class ScoringHandler {
  constructor(
    private readonly schemes: SchemesService,
    private readonly scores: ScoresService,
    private readonly results: ResultsService,
    private readonly sheets: SelfScoreSheetsService,
  ) {}

  @MessagePattern(ScoringRpc.schemePut.subject)
  schemePut(@Payload() r: PutSchemeRequest): Promise<SchemeView> {
    return this.schemes.put(r);
  }

  @MessagePattern(ScoringRpc.schemeGet.subject)
  schemeGet(@Payload() r: SchemeGetRequest): Promise<SchemeView> {
    return this.schemes.get(r);
  }

  @MessagePattern(ScoringRpc.schemeImportXlsx.subject)
  schemeImport(@Payload() r: SchemeXlsxImportRequest): Promise<SchemeView> {
    return this.schemes.importXlsx(r);
  }

  @MessagePattern(ScoringRpc.schemeExportXlsx.subject)
  schemeExport(@Payload() r: SchemeGetRequest): Promise<FileView> {
    return this.schemes.exportXlsx(r);
  }

  @MessagePattern(ScoringRpc.schemeDiscardDraft.subject)
  schemeDiscard(@Payload() r: GroupYearActorRequest): Promise<{ discardedVersion: number }> {
    return this.schemes.discardDraft(r);
  }

  @MessagePattern(ScoringRpc.schemePublish.subject)
  schemePublish(@Payload() r: GroupYearActorRequest): Promise<SchemeView> {
    return this.schemes.publish(r);
  }

  @MessagePattern(ScoringRpc.scoresPut.subject)
  scoresPut(@Payload() r: PutScoresRequest): Promise<MemberScoresView> {
    return this.scores.put(r);
  }

  @MessagePattern(ScoringRpc.scoresGet.subject)
  scoresGet(@Payload() r: MemberRequest): Promise<MemberScoresView> {
    return this.scores.get(r);
  }

  @MessagePattern(ScoringRpc.selfScoreTemplate.subject)
  template(@Payload() r: MemberRequest): Promise<FileView> {
    return this.sheets.template(r);
  }

  @MessagePattern(ScoringRpc.sheetsList.subject)
  sheetsList(@Payload() r: ChangesRequest): Promise<SelfScoreSheetView[]> {
    return this.sheets.list(r);
  }

  @MessagePattern(ScoringRpc.changesList.subject)
  changes(@Payload() r: ChangesRequest): Promise<ScoreChangeView[]> {
    return this.scores.changes(r);
  }

  @MessagePattern(ScoringRpc.groupYearGet.subject)
  state(@Payload() r: GroupYearActorRequest): Promise<GroupYearStateView> {
    return this.results.state(r);
  }

  @MessagePattern(ScoringRpc.groupYearLock.subject)
  lock(@Payload() r: GroupYearActorRequest): Promise<GroupYearStateView> {
    return this.results.lock(r);
  }

  @MessagePattern(ScoringRpc.groupYearReopen.subject)
  reopen(@Payload() r: ReopenRequest): Promise<GroupYearStateView> {
    return this.results.reopen(r);
  }

  @MessagePattern(ScoringRpc.ranking.subject)
  ranking(@Payload() r: RankingRequest): Promise<RankingView> {
    return this.results.ranking(r);
  }

  @MessagePattern(ScoringRpc.rankYear.subject)
  rankYear(@Payload() r: RankYearRequest): Promise<YearRankingView> {
    return this.results.rankYear(r);
  }

  @MessagePattern(ScoringRpc.honoursGet.subject)
  honours(@Payload() r: GroupYearActorRequest): Promise<HonoursView> {
    return this.results.honours(r, false);
  }

  @MessagePattern(ScoringRpc.honoursPropose.subject)
  propose(@Payload() r: GroupYearActorRequest): Promise<HonoursView> {
    return this.results.honours(r, true);
  }
}
