import { DeliveryState, DeliveryView, NoticeKind } from '@tdkt/contracts';
import type { DeliveryRow } from './deliveries.repository';

export const deliveryView = (r: DeliveryRow): DeliveryView => ({
  id: r.id,
  sourceKey: r.source_key,
  kind: r.kind as NoticeKind,
  userId: r.user_id,
  to: r.address,
  subject: r.subject,
  state: r.state as DeliveryState,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});
