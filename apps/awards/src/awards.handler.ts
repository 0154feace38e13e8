import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AggregateGetRequest,
  AggregateTableView,
  AwardsRpc,
  AwardTypeView,
  CatalogueRequest,
  ImportAggregateRequest,
  ImportRecordsRequest,
  RecordImportView,
  RecordsUploadRequest,
  RecordsUploadView,
  UploadIdRequest,
  StatisticsRequest,
  NationalStatisticsRequest,
  AwardStatisticsView,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { AggregatesService } from './aggregates/aggregates.service';
import { RecordsService } from './records/records.service';

/** `awards.*` subjects → services. */
@Controller()
@UsePipes(RpcValidationPipe)
export class AwardsHandler {
  constructor(
    private readonly aggregates: AggregatesService,
    private readonly records: RecordsService,
  ) {}

  @MessagePattern(AwardsRpc.catalogue.subject)
  catalogue(@Payload() r: CatalogueRequest): AwardTypeView[] {
    return this.aggregates.catalogue(r);
  }

  @MessagePattern(AwardsRpc.aggregateImport.subject)
  import(@Payload() r: ImportAggregateRequest): Promise<AggregateTableView> {
    return this.aggregates.import(r);
  }

  @MessagePattern(AwardsRpc.recordsImport.subject)
  importRecords(@Payload() r: ImportRecordsRequest): Promise<RecordImportView> {
    return this.records.import(r);
  }

  @MessagePattern(AwardsRpc.recordsUpload.subject)
  requestUpload(@Payload() r: RecordsUploadRequest): Promise<RecordsUploadView> {
    return this.records.requestUpload(r);
  }

  @MessagePattern(AwardsRpc.recordsImportUpload.subject)
  importUpload(@Payload() r: UploadIdRequest): Promise<RecordImportView> {
    return this.records.importUpload(r);
  }

  @MessagePattern(AwardsRpc.recordsUploadGet.subject)
  uploadStatus(@Payload() r: UploadIdRequest): Promise<RecordsUploadView> {
    return this.records.uploadStatus(r);
  }

  @MessagePattern(AwardsRpc.statistics.subject)
  statistics(@Payload() r: StatisticsRequest): Promise<AwardStatisticsView> {
    return this.records.statistics(r);
  }

  @MessagePattern(AwardsRpc.nationalStatistics.subject)
  national(@Payload() r: NationalStatisticsRequest): Promise<AwardStatisticsView> {
    return this.records.national(r);
  }

  @MessagePattern(AwardsRpc.statisticsXlsx.subject)
  statisticsXlsx(@Payload() r: StatisticsRequest) {
    return this.records.statisticsXlsx(r);
  }

  @MessagePattern(AwardsRpc.aggregateGet.subject)
  get(@Payload() r: AggregateGetRequest): Promise<AggregateTableView> {
    return this.aggregates.get(r);
  }
}
