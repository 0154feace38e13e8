import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DecisionListRequest,
  DecisionRecordRequest,
  DecisionRequest,
  DecisionView,
  HonoursRpc,
  Page,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { DecisionsService } from './decisions.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class DecisionsHandler {
  constructor(private readonly decisions: DecisionsService) {}

  @MessagePattern(HonoursRpc.decisionRecord.subject)
  record(@Payload() r: DecisionRecordRequest): Promise<DecisionView> {
    return this.decisions.record(r);
  }

  @MessagePattern(HonoursRpc.decisionList.subject)
  list(@Payload() r: DecisionListRequest): Promise<Page<DecisionView>> {
    return this.decisions.list(r);
  }

  @MessagePattern(HonoursRpc.decisionGet.subject)
  get(@Payload() r: DecisionRequest): Promise<DecisionView> {
    return this.decisions.get(r);
  }
}
