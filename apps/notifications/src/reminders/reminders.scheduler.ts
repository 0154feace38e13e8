import { Injectable } from '@nestjs/common';
import { InjectConfig, InjectLogger, Startable } from '@tdkt/platform';
import type { Logger } from 'pino';
import { NotificationsConfig } from '../config';
import { DigestService } from '../digest/digest.service';
import { setReminderProbe } from './reminders.metrics';
import { RemindersService } from './reminders.service';

/**
 * Runs the schedules in every instance (REMINDERS_ENABLED): at start, a reconcile of the reminders
 * with the registry (one instance at a time; retried on the next pass if the registry is not
 * there yet); then every REMINDERS_POLL_MS a pass that sends what is due — reminders, then daily
 * digests. Instances share the work through the database (SKIP LOCKED claims), never by timing.
 */
@Injectable()
export class RemindersScheduler implements Startable {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private reconciled = false;

  constructor(
    private readonly reminders: RemindersService,
    private readonly digest: DigestService,
    @InjectConfig() private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  start(): void {
    setReminderProbe(() => this.reminders.backlog());
    if (this.config.REMINDERS_ENABLED !== 'true') return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs a pass now (after the one in progress). */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = (this.running ?? Promise.resolve()).then(() => this.pass());
    }, ms);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    if (this.stopped) return;
    try {
      if (!this.reconciled) {
        await this.reminders.reconcile();
        this.reconciled = true;
      }
      for (;;) {
        const r = await this.reminders.runDue();
        if (this.stopped || r.claimed < 20) break;
      }
      await this.digest.runDue();
    } catch (e) {
      this.logger.warn({ err: e }, 'reminders pass failed; next pass retries');
    }
    if (!this.stopped && !this.timer) this.schedule(this.config.REMINDERS_POLL_MS);
  }

  async stop(): Promise<void> {
    setReminderProbe(undefined);
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
