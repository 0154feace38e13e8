import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import {
  DeliveryState,
  DeliveryView,
  FailedQuery,
  InboxItemView,
  InboxPageView,
  InboxQuery,
  KindPreferenceView,
  MarkedReadView,
  NoticeKind,
  NotificationsRpc,
  PreferencesDto,
  PreferencesView,
  UnreadCountView,
} from '@tdkt/contracts';
import { RpcClient } from '@tdkt/platform';
import { IsUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { actorOf, AuthedRequest, RPC_CLIENT } from '../auth/auth.guard';
import { JSON_TYPE } from '../http/problem';
import { InboxStreams } from './inbox-streams';
import { DateTime, Int } from '../http/api-models';

class InboxItemResponse implements InboxItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NoticeKind }) kind: NoticeKind;
  @ApiProperty({ example: 'Biên nhận hồ sơ số 2023-000042 – Báo cáo tổng kết năm năm 2023' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) link: string | null;
  @ApiProperty(DateTime()) occurredAt: string;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime({ nullable: true })) readAt: string | null;
}

class InboxPageResponse implements InboxPageView {
  @ApiProperty({ type: [InboxItemResponse] }) items: InboxItemView[];
  @ApiProperty(Int()) unreadCount: number;
  @ApiProperty({ type: String, nullable: true, description: 'before= cho trang tiếp theo (cũ hơn)' })
  nextCursor: string | null;
}

class UnreadCountResponse implements UnreadCountView {
  @ApiProperty(Int()) unreadCount: number;
}

class MarkedReadResponse implements MarkedReadView {
  @ApiProperty(Int()) marked: number;
  @ApiProperty(Int()) unreadCount: number;
}

class KindPreferenceResponse implements KindPreferenceView {
  @ApiProperty({ enum: NoticeKind }) kind: NoticeKind;
  @ApiProperty() email: boolean;
}

class PreferencesResponse implements PreferencesView {
  @ApiProperty({ type: [KindPreferenceResponse] }) kinds: KindPreferenceView[];
  @ApiProperty() dailyDigest: boolean;
}

class DeliveryResponse implements DeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sourceKey: string;
  @ApiProperty({ enum: NoticeKind }) kind: NoticeKind;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'email' }) to: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: DeliveryState }) state: DeliveryState;
  @ApiProperty(Int()) attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime()) updatedAt: string;
}

class DeliveryPageResponse {
  @ApiProperty({ type: [DeliveryResponse] }) items: DeliveryView[];
  @ApiProperty(Int()) total: number;
  @ApiProperty(Int()) limit: number;
  @ApiProperty(Int()) offset: number;
}

class ItemParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/** Heartbeat of an idle stream (proxies close silent connections). */
const HEARTBEAT_MS = 15_000;

/** The caller's own inbox and preferences; the board's failed e-mails. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    @Inject(RPC_CLIENT) private readonly rpc: RpcClient,
    private readonly streams: InboxStreams,
  ) {}

  @Get('me/inbox')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getInbox',
    summary: 'Hộp thư của tôi: thông báo mới nhất trước, kèm số tin chưa đọc',
  })
  @ApiOkResponse({ type: InboxPageResponse })
  inbox(@Req() req: AuthedRequest, @Query() query: InboxQuery) {
    return this.rpc.requestJson(NotificationsRpc.inboxList, { query, actor: actorOf(req) });
  }

  @Get('me/inbox/unread-count')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({ operationId: 'getUnreadCount', summary: 'Số thông báo chưa đọc của tôi' })
  @ApiOkResponse({ type: UnreadCountResponse })
  unread(@Req() req: AuthedRequest) {
    return this.rpc.requestJson(NotificationsRpc.inboxUnread, { actor: actorOf(req) });
  }

  @Get('me/inbox/stream')
  @ApiOperation({
    operationId: 'streamInbox',
    summary:
      'Luồng thông báo trực tiếp (server-sent events): sự kiện `ready` (số tin chưa đọc), `item` (thông báo mới), `read` (đã đọc)',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'Luồng text/event-stream: mỗi sự kiện `event: <loại>` và `data: <JSON>`',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async stream(@Req() req: AuthedRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = actorOf(req);
    const raw = reply.raw;
    const send = (event: string, data: unknown) => {
      if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const close = await this.streams.open(actor.userId, (e) => send(e.type, e.type === 'item' ? e.item : e));
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    raw.on('close', () => {
      clearInterval(heartbeat);
      close();
    });
    const { unreadCount } = await this.rpc
      .request(NotificationsRpc.inboxUnread, { actor })
      .catch(() => ({ unreadCount: null as number | null }));
    send('ready', { unreadCount });
  }

  @Post('me/inbox/read-all')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({ operationId: 'markAllRead', summary: 'Đánh dấu mọi thông báo của tôi là đã đọc' })
  @ApiOkResponse({ type: MarkedReadResponse })
  readAll(@Req() req: AuthedRequest) {
    return this.rpc.requestJson(NotificationsRpc.inboxReadAll, { actor: actorOf(req) });
  }

  @Post('me/inbox/:id/read')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'markRead',
    summary: 'Đánh dấu một thông báo của tôi là đã đọc (thông báo của người khác: 404)',
  })
  @ApiOkResponse({ type: InboxItemResponse })
  read(@Req() req: AuthedRequest, @Param() p: ItemParam) {
    return this.rpc.requestJson(NotificationsRpc.inboxRead, { id: p.id, actor: actorOf(req) });
  }

  @Get('me/notification-preferences')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'getNotificationPreferences',
    summary: 'Tuỳ chọn nhận thư điện tử theo loại thông báo (hộp thư luôn nhận)',
  })
  @ApiOkResponse({ type: PreferencesResponse })
  preferences(@Req() req: AuthedRequest) {
    return this.rpc.requestJson(NotificationsRpc.preferencesGet, { actor: actorOf(req) });
  }

  @Put('me/notification-preferences')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'putNotificationPreferences',
    summary:
      'Đổi tuỳ chọn: bật/tắt thư điện tử theo loại; thư tổng hợp hằng ngày (Cụm trưởng, Cụm phó, Ban TĐKT). Loại không nêu giữ nguyên',
  })
  @ApiOkResponse({ type: PreferencesResponse })
  putPreferences(@Req() req: AuthedRequest, @Body() body: PreferencesDto) {
    return this.rpc.requestJson(NotificationsRpc.preferencesPut, { body, actor: actorOf(req) });
  }

  @Get('notifications/failed')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'listFailedDeliveries',
    summary: 'Thư điện tử không gửi được, kèm lý do (Ban TĐKT)',
  })
  @ApiOkResponse({ type: DeliveryPageResponse })
  failed(@Req() req: AuthedRequest, @Query() query: FailedQuery) {
    return this.rpc.requestJson(NotificationsRpc.failedList, { query, actor: actorOf(req) });
  }

  @Post('notifications/deliveries/:id/retry')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    operationId: 'retryDelivery',
    summary: 'Gửi lại một thư không gửi được (Ban TĐKT); bấm lại không gửi thêm',
  })
  @ApiOkResponse({ type: DeliveryResponse })
  retry(@Req() req: AuthedRequest, @Param() p: ItemParam) {
    return this.rpc.requestJson(NotificationsRpc.deliveryRetry, { id: p.id, actor: actorOf(req) });
  }
}
