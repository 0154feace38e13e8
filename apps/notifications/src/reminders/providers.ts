import type { Provider } from '@nestjs/common';
import { NotificationsConfig } from '../config';
import { DigestConsumer } from '../digest/digest.consumer';
import { DigestRepository } from '../digest/digest.repository';
import { DigestService } from '../digest/digest.service';
import { CLOCK, Clock, systemClock } from './clock';
import { RemindersConsumer } from './reminders.consumer';
import { RemindersRepository } from './reminders.repository';
import { RemindersScheduler } from './reminders.scheduler';
import { RemindersService } from './reminders.service';

/** The clock the schedules read (reminders/clock.ts): the machine's, or the tests' in the database. */
function clockFor(config: NotificationsConfig, repo: RemindersRepository): Clock {
  if (config.NOTIFICATIONS_CLOCK !== 'database') return systemClock;
  return { now: async () => (await repo.testClock()) ?? new Date() };
}

/** Deadline reminders and the daily digest, as providers of the notifications service. */
export function reminderProviders(config: NotificationsConfig): Provider[] {
  return [
    RemindersRepository,
    {
      provide: CLOCK,
      inject: [RemindersRepository],
      useFactory: (r: RemindersRepository) => clockFor(config, r),
    },
    RemindersService,
    RemindersConsumer,
    RemindersScheduler,
    DigestRepository,
    DigestService,
    DigestConsumer,
  ];
}

/** Started after the core's consumers: the schedules' consumers, then the scheduler. */
export const REMINDER_CONSUMERS = [RemindersConsumer, DigestConsumer, RemindersScheduler];
