import { Body, Controller, Get, Header, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateSuccessionDto,
  CreateUnitDto,
  ListUnitsQuery,
  RegistryRpc,
  UpdateUnitDto,
} from '@tdkt/contracts';
import { Permission } from '@tdkt/domain';
import { RpcClient } from '@tdkt/platform';
import { Requires, RPC_CLIENT } from '../auth/auth.guard';
import { JSON_TYPE } from '../http/problem';
import { UnitHistoryResponse, UnitPage, UnitResponse } from '../http/api-models';
import { IdParam } from './params';

@ApiTags('units')
@ApiBearerAuth()
@Controller()
export class UnitsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get('units')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listUnits',
    summary: 'Danh sách đơn vị; tìm theo tên có hoặc không dấu, lọc theo loại và ngày hiệu lực',
  })
  @ApiOkResponse({ type: UnitPage })
  list(@Query() q: ListUnitsQuery) {
    return this.rpc.requestJson(RegistryRpc.unitList, q);
  }

  @Get('units/:id')
  @Header('content-type', JSON_TYPE)
  @ApiOkResponse({ type: UnitResponse })
  @ApiOperation({ operationId: 'getUnit', summary: 'Một đơn vị, theo id hoặc mã' })
  get(@Param() p: IdParam) {
    return this.rpc.requestJson(RegistryRpc.unitGet, { id: p.id });
  }

  @Post('units')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiCreatedResponse({ type: UnitResponse })
  @ApiOperation({
    operationId: 'createUnit',
    summary: 'Tạo đơn vị (mã, tên, loại, đơn vị cha, ngày hiệu lực)',
  })
  create(@Body() dto: CreateUnitDto) {
    return this.rpc.requestJson(RegistryRpc.unitCreate, dto);
  }

  @Patch('units/:id')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiOkResponse({ type: UnitResponse })
  @ApiOperation({
    operationId: 'updateUnit',
    summary: 'Sửa đơn vị (tên, loại) hoặc kết thúc hiệu lực (validTo); lịch sử được giữ',
  })
  update(@Param() p: IdParam, @Body() patch: UpdateUnitDto) {
    return this.rpc.requestJson(RegistryRpc.unitUpdate, { id: p.id, patch });
  }

  @Get('units/:id/history')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getUnitHistory',
    summary: 'Lịch sử đơn vị: tiền thân, kế thừa (sáp nhập) và đơn vị hiện nay',
  })
  @ApiOkResponse({ type: UnitHistoryResponse })
  history(@Param() p: IdParam) {
    return this.rpc.requestJson(RegistryRpc.unitHistory, { id: p.id });
  }

  @Post('unit-successions')
  @Header('content-type', JSON_TYPE)
  @Requires(Permission.MANAGE_UNITS)
  @ApiOperation({
    operationId: 'createUnitSuccession',
    summary: 'Ghi nhận đơn vị kế thừa (sáp nhập) từ một ngày; đơn vị cũ kết thúc ngày hôm trước',
  })
  @ApiCreatedResponse({ type: UnitHistoryResponse })
  succession(@Body() dto: CreateSuccessionDto) {
    return this.rpc.requestJson(RegistryRpc.successionCreate, dto);
  }
}
