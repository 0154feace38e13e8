/**
 * Business time for reminders and the digest (when a reminder is due, whether its deadline has
 * passed, which day a digest covers). Leases and retry delays use the database's real time.
 *
 * NOTIFICATIONS_CLOCK=database (tests only): the instant in `notifications.test_clock`, which the
 * test writes, shared by every instance on that database (the real time while none is set). The
 * schedulers read it at each pass, so a test moves time forward and waits for the effect; nothing
 * sleeps. Unset or `system`: the machine's time.
 */
export interface Clock {
  now(): Promise<Date>;
}

export const CLOCK = Symbol('NOTIFICATIONS_CLOCK');

export const systemClock: Clock = { now: async () => new Date() };
