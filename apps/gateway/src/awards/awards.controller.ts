import { Body, Controller, Get, Header, Inject, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  AggregateTableView,
  AwardsRpc,
  AwardTypeView,
  CrossTableView,
  ImportAggregateDto,
  ISO_DATE,
} from '@tdkt/contracts';
import { RpcClient } from '@tdkt/platform';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { actorOf, AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { JSON_TYPE } from '../http/problem';
import { GroupParam } from '../registry/params';

const OBJECT = { type: 'object', additionalProperties: true } as const;

class AwardTypeResponse implements AwardTypeView {
  @ApiProperty({ example: 'CO-THI-DUA-CHINH-PHU' }) code: string;
  @ApiProperty({ example: 'Cờ thi đua của Chính phủ' }) name: string;
  @ApiProperty({ enum: ['STATE', 'PROVINCE', 'GRASSROOTS', 'RESISTANCE'] }) level: AwardTypeView['level'];
  @ApiProperty({ enum: ['I', 'II', 'III'] }) group: AwardTypeView['group'];
  @ApiProperty({ enum: ['COLLECTIVE', 'INDIVIDUAL', 'BOTH'] }) recipients: AwardTypeView['recipients'];
  @ApiProperty({ type: String, nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) validTo: string | null;
  @ApiProperty({ type: [String] }) aliases: string[];
}

class AggregateTableResponse implements AggregateTableView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description: 'Each row checked: award code, cells, reported total, flags',
  })
  rows: AggregateTableView['rows'];
  @ApiProperty({
    description: 'Rows with a lost cell or a total that does not add up (stored, reported, never guessed)',
  })
  flaggedRows: number;
  @ApiProperty({ ...OBJECT, description: 'Unit × award type with row, column and grand totals' })
  table: CrossTableView;
  @ApiProperty() createdAt: string;
}

class CatalogueQuery {
  @ApiProperty({ required: false, example: '2024-01-01', description: 'Only the types valid on that date' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}

class TableParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tableId: string;
}

/** Award statistics: the catalogue and the tables of the reports. */
@ApiTags('awards')
@ApiBearerAuth()
@Controller()
export class AwardsController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient) {}

  @Get('awards/catalogue')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Danh mục hình thức, danh hiệu khen thưởng (Luật TĐKT 2022), theo nhóm của báo cáo',
  })
  @ApiOkResponse({ type: [AwardTypeResponse] })
  catalogue(@Query() q: CatalogueQuery) {
    return this.rpc.requestJson(AwardsRpc.catalogue, { on: q.on });
  }

  @Post('groups/:groupId/awards/aggregates')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      'Nhập bảng tổng hợp khen thưởng của báo cáo (đơn vị × hình thức); ô bị mất hoặc tổng không khớp được báo lại, không đoán',
  })
  @ApiCreatedResponse({ type: AggregateTableResponse })
  importAggregate(@Req() req: AuthedRequest, @Param() p: GroupParam, @Body() body: ImportAggregateDto) {
    return this.rpc.requestJson(AwardsRpc.aggregateImport, { groupId: p.groupId, body, actor: actorOf(req) });
  }

  @Get('awards/aggregates/:tableId')
  @Header('content-type', JSON_TYPE)
  @ApiOkResponse({ type: AggregateTableResponse })
  aggregate(@Req() req: AuthedRequest, @Param() p: TableParam) {
    return this.rpc.requestJson(AwardsRpc.aggregateGet, { id: p.tableId, actor: actorOf(req) });
  }
}
