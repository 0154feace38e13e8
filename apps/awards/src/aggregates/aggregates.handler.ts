import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AggregateGetRequest, AggregateTableView, AwardsRpc, ImportAggregateRequest } from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { AggregatesService } from './aggregates.service';

/** `awards.aggregate.*` → the report tables. */
@Controller()
@UsePipes(RpcValidationPipe)
export class AggregatesHandler {
  constructor(private readonly aggregates: AggregatesService) {}

  @MessagePattern(AwardsRpc.aggregateImport.subject)
  import(@Payload() r: ImportAggregateRequest): Promise<AggregateTableView> {
    return this.aggregates.import(r);
  }

  @MessagePattern(AwardsRpc.aggregateGet.subject)
  get(@Payload() r: AggregateGetRequest): Promise<AggregateTableView> {
    return this.aggregates.get(r);
  }
}
