import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChangesRequest, FileView, MemberRequest, ScoringRpc, SelfScoreSheetView } from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { SheetsService } from './sheets.service';

/** `scoring.sheet.*`: a member's self-score sheet to fill in, and the sheets received through intake. */
@Controller()
@UsePipes(RpcValidationPipe)
export class SheetsHandler {
  constructor(private readonly sheets: SheetsService) {}

  @MessagePattern(ScoringRpc.selfScoreTemplate.subject)
  template(@Payload() r: MemberRequest): Promise<FileView> {
    return this.sheets.template(r);
  }

  @MessagePattern(ScoringRpc.sheetsList.subject)
  list(@Payload() r: ChangesRequest): Promise<SelfScoreSheetView[]> {
    return this.sheets.list(r);
  }
}
