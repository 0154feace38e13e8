import { Injectable } from '@nestjs/common';
import type { Notice, NotifyResult } from './notice';

/** Turns a notice into inbox items and e-mail deliveries (see notice.ts). */
@Injectable()
export class MessagesService {
  async notify(_notice: Notice): Promise<NotifyResult> {
    throw new Error('not yet implemented');
  }
}
