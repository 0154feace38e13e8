import { ServiceDefinition } from '@tdkt/platform';
import { NotificationsConfig } from './config';
import { notificationsDataSourceOptions } from './database/data-source';
import { SCHEMA } from './database/entities';
import { DeliveriesHandler } from './deliveries/deliveries.handler';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { DeliveriesService } from './deliveries/deliveries.service';
import { DeliverySender } from './deliveries/sender';
import { CycleConsumer } from './events/cycle.consumer';
import { CycleService } from './events/cycle.service';
import { EventsConsumer } from './events/events.consumer';
import { EventsService } from './events/events.service';
import { InboxHandler } from './inbox/inbox.handler';
import { InboxRepository } from './inbox/inbox.repository';
import { InboxService } from './inbox/inbox.service';
import { InboxLive } from './messages/live';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { PreferencesHandler } from './preferences/preferences.handler';
import { PreferencesRepository } from './preferences/preferences.repository';
import { PreferencesService } from './preferences/preferences.service';
import { RecipientsService } from './recipients/recipients.service';
import { REMINDER_CONSUMERS, reminderProviders } from './reminders/providers';

/**
 * Notifications, as the service kit builds it: answers `notifications.*` (queue group
 * `notifications`), consumes intake, scoring and registry events (durable, deduplicated), writes
 * inbox items and e-mail deliveries, and runs the sender loop (any number of instances share it).
 * Publishes no stream: live inbox changes go out on core NATS after commit.
 */
export const NOTIFICATIONS_SERVICE: ServiceDefinition<NotificationsConfig> = {
  name: 'notifications',
  schema: SCHEMA,
  config: NotificationsConfig,
  dataSource: (c) => notificationsDataSourceOptions(c.DATABASE_URL, c.DB_POOL_SIZE),
  handlers: [InboxHandler, PreferencesHandler, DeliveriesHandler],
  startables: [DeliverySender],
  // Deadline reminders and the daily digest (reminders/providers.ts): their consumers, then the scheduler.
  consumers: [EventsConsumer, CycleConsumer, ...REMINDER_CONSUMERS],
  providers: (config) => [
    RecipientsService,
    PreferencesRepository,
    PreferencesService,
    InboxRepository,
    InboxService,
    InboxLive,
    MessagesRepository,
    MessagesService,
    DeliveriesRepository,
    DeliveriesService,
    DeliverySender,
    EventsService,
    EventsConsumer,
    CycleService,
    CycleConsumer,
    ...reminderProviders(config),
  ],
};
