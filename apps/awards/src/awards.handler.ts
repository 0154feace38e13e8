import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AggregateGetRequest,
  AggregateTableView,
  AwardsRpc,
  AwardTypeView,
  CatalogueRequest,
  ImportAggregateRequest,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { AggregatesService } from './aggregates/aggregates.service';

/** `awards.*` subjects → services. */
@Controller()
@UsePipes(RpcValidationPipe)
export class AwardsHandler {
  constructor(private readonly aggregates: AggregatesService) {}

  @MessagePattern(AwardsRpc.catalogue.subject)
  catalogue(@Payload() r: CatalogueRequest): AwardTypeView[] {
    return this.aggregates.catalogue(r);
  }

  @MessagePattern(AwardsRpc.aggregateImport.subject)
  import(@Payload() r: ImportAggregateRequest): Promise<AggregateTableView> {
    return this.aggregates.import(r);
  }

  @MessagePattern(AwardsRpc.aggregateGet.subject)
  get(@Payload() r: AggregateGetRequest): Promise<AggregateTableView> {
    return this.aggregates.get(r);
  }
}
