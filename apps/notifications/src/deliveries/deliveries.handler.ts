import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeliveryRequest, DeliveryView, FailedListRequest, NotificationsRpc, Page } from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { DeliveriesService } from './deliveries.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class DeliveriesHandler {
  constructor(private readonly deliveries: DeliveriesService) {}

  @MessagePattern(NotificationsRpc.failedList.subject)
  failed(@Payload() r: FailedListRequest): Promise<Page<DeliveryView>> {
    return this.deliveries.failed(r);
  }

  @MessagePattern(NotificationsRpc.deliveryRetry.subject)
  retry(@Payload() r: DeliveryRequest): Promise<DeliveryView> {
    return this.deliveries.retry(r);
  }
}
