import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  FileView,
  GroupYearActorRequest,
  PublishSchemeRequest,
  PutSchemeRequest,
  SchemeGetRequest,
  SchemeView,
  SchemeXlsxImportRequest,
  ScoringRpc,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { SchemesService } from './schemes.service';

/** `scoring.scheme.*`: the points table (JSON and Excel), drafts and publishing. */
@Controller()
@UsePipes(RpcValidationPipe)
export class SchemesHandler {
  constructor(private readonly schemes: SchemesService) {}

  @MessagePattern(ScoringRpc.schemePut.subject)
  put(@Payload() r: PutSchemeRequest): Promise<SchemeView> {
    return this.schemes.put(r);
  }

  @MessagePattern(ScoringRpc.schemeGet.subject)
  get(@Payload() r: SchemeGetRequest): Promise<SchemeView> {
    return this.schemes.get(r);
  }

  @MessagePattern(ScoringRpc.schemeImportXlsx.subject)
  importXlsx(@Payload() r: SchemeXlsxImportRequest): Promise<SchemeView> {
    return this.schemes.importXlsx(r);
  }

  @MessagePattern(ScoringRpc.schemeExportXlsx.subject)
  exportXlsx(@Payload() r: SchemeGetRequest): Promise<FileView> {
    return this.schemes.exportXlsx(r);
  }

  @MessagePattern(ScoringRpc.schemeDiscardDraft.subject)
  discard(@Payload() r: GroupYearActorRequest): Promise<{ discardedVersion: number }> {
    return this.schemes.discardDraft(r);
  }

  @MessagePattern(ScoringRpc.schemePublish.subject)
  publish(@Payload() r: PublishSchemeRequest): Promise<SchemeView> {
    return this.schemes.publish(r);
  }
}
