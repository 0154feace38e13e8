import { NoticeKind } from '@tdkt/contracts';

export { NoticeKind };

/**
 * Who a notice is for. Resolved against the registry AT SEND TIME (in `MessagesService.notify`),
 * so a chair elected for next year receives next year's notices.
 *
 * - `unitOfficers`: the officers (role UNIT_OFFICER, or users attached to the unit) of these units;
 * - `groupYear`: for one group-year, its CHAIR and/or VICE_CHAIR (the officers of the unit that
 *   chairs / vice-chairs it that year, plus users granted that role for it) and/or MEMBERS (the
 *   officers of every unit that is a member of the group that year);
 * - `board`: every user with the BOARD role (Ban TĐKT Trung ương);
 * - `users`: these user ids exactly (a digest for one user, a reply to one person);
 * - `anyOf`: everyone any of these audiences names, each user once (an invitation to the members
 *   and to the invitees' units; a decision to the chairs and the honoured units).
 *
 * Users without an e-mail address still get the inbox item.
 */
export type SingleAudience =
  | { unitOfficers: string[] }
  | { groupYear: { groupId: string; year: number }; roles: ('CHAIR' | 'VICE_CHAIR' | 'MEMBERS')[] }
  | { board: true }
  | { users: string[] };

export type Audience = SingleAudience | { anyOf: SingleAudience[] };

export interface Notice {
  /**
   * Unique id of the cause: an event id, `reminder:<id>`, `digest:<userId>:<date>`.
   * One delivery per (sourceKey, user, channel): notifying the same sourceKey again (a redelivered
   * event, a retried reminder) sends nothing new, whatever the audience resolves to the second time.
   */
  sourceKey: string;
  kind: NoticeKind;
  audience: Audience;
  /**
   * Template parameters (plain JSON, stored with the inbox item). Each template documents the
   * keys it reads (apps/notifications/src/templates/<kind>.ts); unknown keys are ignored.
   */
  params: Record<string, unknown>;
  /** ISO instant the cause happened (shown in the message in Asia/Ho_Chi_Minh). */
  occurredAt: string;
}

/**
 * `MessagesService` (apps/notifications/src/messages/messages.service.ts), a Nest provider of the
 * notifications service, injectable in any provider of that service:
 *
 *   notify(notice: Notice): Promise<{ recipients: number }>
 *
 * resolves the recipients from the registry at send time, writes in ONE transaction one inbox item
 * per user and one e-mail delivery per user whose preference for `kind` allows e-mail — unique
 * (source_key, user_id, channel), idempotent on redelivery — and lets the sender loop deliver the
 * e-mails (SMTP, retries with backoff, failures recorded). `recipients` is the number of users
 * resolved (including those that already had the notice). It throws if the registry cannot be
 * asked (the caller retries: nothing was written).
 *
 * A DAILY_DIGEST notice is sent by e-mail regardless of the per-kind preference (the digest
 * option is the user's choice to receive it; `PreferencesService.digestSubscribers()` lists them).
 *
 * Templates: apps/notifications/src/templates/<kebab-kind>.ts exports a `Template`
 * (templates/template.ts): `(params, ctx) => { subject, text, html }`, Vietnamese, dates in
 * Asia/Ho_Chi_Minh (`ctx.dateTime`, `ctx.date`), links under FRONTEND_BASE_URL (`ctx.link(path)`),
 * HTML escaped (`ctx.esc`). templates/index.ts maps every NoticeKind to its template; a kind
 * without one falls back to a generic message built from `params.title` / `params.body`.
 */
export interface NotifyResult {
  recipients: number;
}
