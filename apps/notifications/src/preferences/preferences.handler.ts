import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ActorRequest, NotificationsRpc, PreferencesPutRequest, PreferencesView } from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { PreferencesService } from './preferences.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class PreferencesHandler {
  constructor(private readonly prefs: PreferencesService) {}

  @MessagePattern(NotificationsRpc.preferencesGet.subject)
  get(@Payload() r: ActorRequest): Promise<PreferencesView> {
    return this.prefs.get(r);
  }

  @MessagePattern(NotificationsRpc.preferencesPut.subject)
  put(@Payload() r: PreferencesPutRequest): Promise<PreferencesView> {
    return this.prefs.put(r);
  }
}
