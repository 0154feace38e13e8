import { Injectable } from '@nestjs/common';
import { DeliveryRequest, DeliveryView, FailedListRequest, Page } from '@tdkt/contracts';
import { mayManageDeliveries } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { authorize } from '../access';
import { DeliveriesRepository } from './deliveries.repository';
import { deliveryView } from './deliveries.views';
import { DeliverySender } from './sender';

/** The board's view of e-mails that could not be delivered, and sending one again. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly repo: DeliveriesRepository,
    private readonly sender: DeliverySender,
  ) {}

  async failed(r: FailedListRequest): Promise<Page<DeliveryView>> {
    authorize(r.actor, mayManageDeliveries);
    const limit = r.query.limit ?? 50;
    const offset = r.query.offset ?? 0;
    const { rows, total } = await this.repo.failed(limit, offset);
    return { items: rows.map(deliveryView), total, limit, offset };
  }

  async retry(r: DeliveryRequest): Promise<DeliveryView> {
    authorize(r.actor, mayManageDeliveries);
    const row = await this.repo.retry(r.id);
    if (row) {
      this.sender.wake();
      return deliveryView(row);
    }
    const current = await this.repo.get(r.id);
    if (!current) throw AppError.of('DELIVERY_NOT_FOUND', { id: r.id }, 'id');
    // Already queued again (a repeated click): the same answer, nothing more.
    if (current.state === 'PENDING' || current.state === 'SENDING') return deliveryView(current);
    throw AppError.of('DELIVERY_NOT_FAILED', { id: r.id, state: current.state }, 'id');
  }
}
