import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  GroupYearActorRequest,
  GroupYearStateView,
  HonoursView,
  RankingRequest,
  RankingView,
  RankYearRequest,
  ReopenRequest,
  ScoringRpc,
  YearRankingView,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { ResultsService } from './results.service';

/** `scoring.groupyear.*`, `scoring.ranking.*`, `scoring.honours.*`: lock and reopen, rankings, honours. */
@Controller()
@UsePipes(RpcValidationPipe)
export class ResultsHandler {
  constructor(private readonly results: ResultsService) {}

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
