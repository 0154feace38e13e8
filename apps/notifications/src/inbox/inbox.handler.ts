import { Controller, UsePipes } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ActorRequest,
  InboxItemRequest,
  InboxItemView,
  InboxListRequest,
  InboxPageView,
  MarkedReadView,
  NotificationsRpc,
  UnreadCountView,
} from '@tdkt/contracts';
import { RpcValidationPipe } from '@tdkt/platform';
import { InboxService } from './inbox.service';

@Controller()
@UsePipes(RpcValidationPipe)
export class InboxHandler {
  constructor(private readonly inbox: InboxService) {}

  @MessagePattern(NotificationsRpc.inboxList.subject)
  list(@Payload() r: InboxListRequest): Promise<InboxPageView> {
    return this.inbox.list(r);
  }

  @MessagePattern(NotificationsRpc.inboxUnread.subject)
  unread(@Payload() r: ActorRequest): Promise<UnreadCountView> {
    return this.inbox.unread(r);
  }

  @MessagePattern(NotificationsRpc.inboxRead.subject)
  read(@Payload() r: InboxItemRequest): Promise<InboxItemView> {
    return this.inbox.read(r);
  }

  @MessagePattern(NotificationsRpc.inboxReadAll.subject)
  readAll(@Payload() r: ActorRequest): Promise<MarkedReadView> {
    return this.inbox.readAll(r);
  }
}
