import type { RecipientView } from '@tdkt/contracts';
import type { RecipientRow } from './users.repository';

export const recipientView = (r: RecipientRow): RecipientView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  unitId: r.unit_id,
});
