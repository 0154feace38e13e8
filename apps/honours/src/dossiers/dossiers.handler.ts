import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DossierCreateRequest,
  DossierListRequest,
  DossierRequest,
  DossierReturnRequest,
  DossierView,
  HonoursRpc,
  Page,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { DossiersService } from './dossiers.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class DossiersHandler {
  constructor(private readonly dossiers: DossiersService) {}

  @MessagePattern(HonoursRpc.dossierCreate.subject)
  create(@Payload() r: DossierCreateRequest): Promise<DossierView> {
    return this.dossiers.create(r);
  }

  @MessagePattern(HonoursRpc.dossierList.subject)
  list(@Payload() r: DossierListRequest): Promise<Page<DossierView>> {
    return this.dossiers.list(r);
  }

  @MessagePattern(HonoursRpc.dossierGet.subject)
  get(@Payload() r: DossierRequest): Promise<DossierView> {
    return this.dossiers.get(r);
  }

  @MessagePattern(HonoursRpc.dossierSubmit.subject)
  submit(@Payload() r: DossierRequest): Promise<DossierView> {
    return this.dossiers.submit(r);
  }

  @MessagePattern(HonoursRpc.dossierReturn.subject)
  return(@Payload() r: DossierReturnRequest): Promise<DossierView> {
    return this.dossiers.return(r);
  }

  @MessagePattern(HonoursRpc.dossierAccept.subject)
  accept(@Payload() r: DossierRequest): Promise<DossierView> {
    return this.dossiers.accept(r);
  }
}
