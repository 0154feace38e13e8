import { DatabaseServiceConfig } from '@tdkt/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Notifications: the database, SMTP (nodemailer pool, rate limit), the sender loop, the front-end base URL. */
export class NotificationsConfig extends DatabaseServiceConfig {
  /** Links in messages point under this (the front-end), e.g. https://tdkt.gov.vn. */
  @Matches(/^https?:\/\/\S+$/, { message: 'FRONTEND_BASE_URL must be http(s)://…' })
  FRONTEND_BASE_URL: string = 'http://localhost:3000';

  @IsString()
  SMTP_HOST: string = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT: number = 1025;

  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  @IsIn(['true', 'false'])
  SMTP_SECURE: string = 'false';

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASS?: string;

  @IsString()
  SMTP_FROM: string = 'Hệ thống Thi đua – Khen thưởng <no-reply@tdkt.local>';

  /** Messages per second, at most, from this instance (nodemailer's pool rate limit). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SMTP_RATE_PER_SECOND: number = 20;

  /** SMTP connections kept open by this instance. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  SMTP_POOL_SIZE: number = 3;

  /** Deliveries claimed at a time (capped so a batch is sent well within the lease). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  SENDER_BATCH: number = 50;

  /** A claimed delivery whose instance died is claimed again after this long. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  SENDER_LEASE_SECONDS: number = 60;

  /** How often an idle sender looks for due deliveries (a local notice wakes it at once). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  SENDER_POLL_MS: number = 1000;

  /** First retry delay after a transient failure; doubles per attempt up to SENDER_BACKOFF_MAX_MS. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  SENDER_BACKOFF_MS: number = 5000;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  SENDER_BACKOFF_MAX_MS: number = 15 * 60_000;

  /** Transient failures before a delivery is recorded as failed (the board may retry it). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  SENDER_MAX_ATTEMPTS: number = 12;

  /** Run the sender loop in this instance (false: consumers and requests only). */
  @IsIn(['true', 'false'])
  SENDER_ENABLED: string = 'true';

  /**
   * Test hook (the kill -9 test): after this many claimed batches the sender stops before sending
   * the next batch it claimed, leaving it SENDING under its lease, and prints a line. Never set it
   * in production.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SENDER_TEST_HOLD_AFTER_BATCHES?: number;

  // ---------- deadline reminders and the daily digest (reminders/, digest/) ----------

  /** Reminders before each milestone deadline: `D-<days> HH:mm` (Asia/Ho_Chi_Minh), comma-separated. */
  @IsString()
  REMINDER_OFFSETS: string = 'D-7 08:00,D-2 08:00,D-0 08:00';

  /** Run the reminders and digest schedulers in this instance (any number of instances may). */
  @IsIn(['true', 'false'])
  REMINDERS_ENABLED: string = 'true';

  /** How often the schedulers look for due reminders and digests. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  REMINDERS_POLL_MS: number = 30_000;

  /** A claimed reminder whose instance died is claimed again after this long (renewed while sending). */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(3600)
  REMINDERS_LEASE_SECONDS: number = 120;

  /** Units notified at once during a reminder's fan-out. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  REMINDERS_CONCURRENCY: number = 8;

  /** The daily digest's hour (HH:mm, Asia/Ho_Chi_Minh). */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'DIGEST_TIME must be HH:mm' })
  DIGEST_TIME: string = '17:00';

  /**
   * `system` (default): business time is the machine's. `database` (tests only): the instant in
   * notifications.test_clock, shared by every instance (see reminders/clock.ts).
   */
  @IsIn(['system', 'database'])
  NOTIFICATIONS_CLOCK: string = 'system';
}
