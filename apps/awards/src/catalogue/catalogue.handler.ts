import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AwardsRpc, AwardTypeView, CatalogueRequest } from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { CatalogueService } from './catalogue.service';

/** `awards.catalogue.*` → the catalogue. */
@Controller()
@UsePipes(RpcValidationPipe)
export class CatalogueHandler {
  constructor(private readonly catalogue: CatalogueService) {}

  @MessagePattern(AwardsRpc.catalogue.subject)
  list(@Payload() r: CatalogueRequest): AwardTypeView[] {
    return this.catalogue.list(r);
  }
}
