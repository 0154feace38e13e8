import { Controller, UseInterceptors, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AttendanceRequest,
  ConferenceRequest,
  ConferencesRequest,
  ConferenceView,
  PlanConferenceRequest,
  RegistryRpc,
} from '@tdkt/contracts';
import { InvalidatesCache, RpcValidationPipe } from '@tdkt/platform';
import { ConferencesService } from './conferences.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class ConferencesHandler {
  constructor(private readonly conferences: ConferencesService) {}

  @MessagePattern(RegistryRpc.conferenceList.subject)
  list(@Payload() r: ConferencesRequest): Promise<ConferenceView[]> {
    return this.conferences.list(r);
  }

  @MessagePattern(RegistryRpc.conferenceGet.subject)
  get(@Payload() r: ConferenceRequest): Promise<ConferenceView> {
    return this.conferences.get(r);
  }

  /** Dating a conference changes its campaign's milestones (cached reads). */
  @MessagePattern(RegistryRpc.conferencePlan.subject)
  @UseInterceptors(InvalidatesCache)
  plan(@Payload() r: PlanConferenceRequest): Promise<ConferenceView> {
    return this.conferences.plan(r);
  }

  @MessagePattern(RegistryRpc.conferenceAttendance.subject)
  attendance(@Payload() r: AttendanceRequest): Promise<ConferenceView> {
    return this.conferences.attendance(r);
  }
}
