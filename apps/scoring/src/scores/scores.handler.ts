import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ChangesRequest,
  MemberRequest,
  MemberScoresView,
  Page,
  PutScoresRequest,
  ScoreChangeView,
  ScoringRpc,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { ScoresService } from './scores.service';

/** `scoring.scores.*`, `scoring.changes.list`: entries and their trail. */
@Controller()
@UsePipes(RpcValidationPipe)
export class ScoresHandler {
  constructor(private readonly scores: ScoresService) {}

  @MessagePattern(ScoringRpc.scoresPut.subject)
  put(@Payload() r: PutScoresRequest): Promise<MemberScoresView> {
    return this.scores.put(r);
  }

  @MessagePattern(ScoringRpc.scoresGet.subject)
  get(@Payload() r: MemberRequest): Promise<MemberScoresView> {
    return this.scores.get(r);
  }

  @MessagePattern(ScoringRpc.changesList.subject)
  changes(@Payload() r: ChangesRequest): Promise<Page<ScoreChangeView>> {
    return this.scores.changes(r);
  }
}
