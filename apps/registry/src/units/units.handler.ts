import { Controller, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateSuccessionDto,
  CreateUnitDto,
  IdRequest,
  ListUnitsQuery,
  Page,
  RegistryRpc,
  UnitHistoryView,
  UnitView,
  UpdateUnitRequest,
} from '@tdkt/contracts';
import { InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { UnitsService } from './units.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class UnitsHandler {
  constructor(private readonly units: UnitsService) {}

  @MessagePattern(RegistryRpc.unitList.subject)
  list(@Payload() q: ListUnitsQuery): Promise<Page<UnitView>> {
    return this.units.list(q);
  }

  @MessagePattern(RegistryRpc.unitGet.subject)
  get(@Payload() r: IdRequest): Promise<UnitView> {
    return this.units.get(r.id);
  }

  @MessagePattern(RegistryRpc.unitCreate.subject)
  @UseInterceptors(InvalidatesCache)
  create(@Payload() dto: CreateUnitDto): Promise<UnitView> {
    return this.units.create(dto);
  }

  @MessagePattern(RegistryRpc.unitUpdate.subject)
  @UseInterceptors(InvalidatesCache)
  update(@Payload() r: UpdateUnitRequest): Promise<UnitView> {
    return this.units.update(r.id, r.patch);
  }

  @MessagePattern(RegistryRpc.unitHistory.subject)
  history(@Payload() r: IdRequest): Promise<UnitHistoryView> {
    return this.units.history(r.id);
  }

  @MessagePattern(RegistryRpc.successionCreate.subject)
  @UseInterceptors(InvalidatesCache)
  addSuccession(@Payload() dto: CreateSuccessionDto): Promise<UnitHistoryView> {
    return this.units.addSuccession(dto);
  }
}
