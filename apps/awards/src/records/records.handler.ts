import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AwardsRpc,
  AwardStatisticsView,
  FileView,
  ImportRecordsRequest,
  NationalStatisticsRequest,
  RecordImportView,
  StatisticsRequest,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { RecordsService } from './records.service';
import { StatisticsService } from './statistics.service';

/** `awards.records.import` and `awards.statistics.*` → records and their statistics. */
@Controller()
@UsePipes(RpcValidationPipe)
export class RecordsHandler {
  constructor(
    private readonly records: RecordsService,
    private readonly statistics: StatisticsService,
  ) {}

  @MessagePattern(AwardsRpc.recordsImport.subject)
  import(@Payload() r: ImportRecordsRequest): Promise<RecordImportView> {
    return this.records.import(r);
  }

  @MessagePattern(AwardsRpc.statistics.subject)
  group(@Payload() r: StatisticsRequest): Promise<AwardStatisticsView> {
    return this.statistics.statistics(r);
  }

  @MessagePattern(AwardsRpc.nationalStatistics.subject)
  national(@Payload() r: NationalStatisticsRequest): Promise<AwardStatisticsView> {
    return this.statistics.national(r);
  }

  @MessagePattern(AwardsRpc.statisticsXlsx.subject)
  xlsx(@Payload() r: StatisticsRequest): Promise<FileView> {
    return this.statistics.xlsx(r);
  }

  @MessagePattern(AwardsRpc.nationalStatisticsXlsx.subject)
  nationalXlsx(@Payload() r: NationalStatisticsRequest): Promise<FileView> {
    return this.statistics.nationalXlsx(r);
  }
}
