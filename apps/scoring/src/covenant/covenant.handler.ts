import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CovenantCommentRequest,
  CovenantCommentsRequest,
  CovenantCommentView,
  CovenantSignaturesRequest,
  CovenantSignaturesView,
  CovenantSignRequest,
  Page,
  ScoringRpc,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { CovenantService } from './covenant.service';

/** `scoring.covenant.*`: comments on the draft covenant and the members' signatures. */
@Controller()
@UsePipes(RpcValidationPipe)
export class CovenantHandler {
  constructor(private readonly covenant: CovenantService) {}

  @MessagePattern(ScoringRpc.covenantComment.subject)
  comment(@Payload() r: CovenantCommentRequest): Promise<CovenantCommentView> {
    return this.covenant.comment(r);
  }

  @MessagePattern(ScoringRpc.covenantComments.subject)
  comments(@Payload() r: CovenantCommentsRequest): Promise<Page<CovenantCommentView>> {
    return this.covenant.comments(r);
  }

  @MessagePattern(ScoringRpc.covenantSign.subject)
  sign(@Payload() r: CovenantSignRequest): Promise<CovenantSignaturesView> {
    return this.covenant.sign(r);
  }

  @MessagePattern(ScoringRpc.covenantSignatures.subject)
  signatures(@Payload() r: CovenantSignaturesRequest): Promise<CovenantSignaturesView> {
    return this.covenant.signatures(r);
  }
}
