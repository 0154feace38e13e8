import { ErrorReason, OK_REPLY_PREFIX } from '@tdkt/contracts';
import { AppError } from '../nats/app-error';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Idempotency-Key for every write, kept by the service that writes, in its own schema.
 *
 * A keyed request is answered once: the first answer is stored and a retry with the same key gets
 * it back, byte for byte, without running the handler. The hard case is the answer that was lost
 * after the write committed (Postgres restarted between COMMIT and the reply, the instance was
 * killed, NATS went down): the key is claimed *inside the write's own transaction*, together with
 * that transaction's result, so a key is either claimed with its write or not at all. A retry
 * that finds a claimed key without a stored answer runs the handler again in replay: each of its
 * transactions answers the stored result instead of writing, and the handler builds the same
 * answer from it. Nothing is ever written twice.
 *
 * Scope: a key belongs to one caller and one subject (`<caller>|<subject>`); a key reused with a
 * different request is refused (422, field `Idempotency-Key`). Keys are kept 24 hours.
 */

/** DDL for a service migration. */
export function idempotencyTablesUp(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."idempotency_keys" (
      "scope" text NOT NULL,
      "key" text NOT NULL,
      "request_hash" text NOT NULL,
      "tx_results" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "response" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("scope", "key")
    )`,
    `CREATE INDEX "idempotency_keys_created" ON "${schema}"."idempotency_keys" ("created_at")`,
  ];
}

export function idempotencyTablesDown(schema: string): string[] {
  return [`DROP TABLE "${schema}"."idempotency_keys"`];
}

/** What a keyed request carries through its handler. */
interface KeyedRequest {
  scope: string;
  key: string;
  hash: string;
  /** Transactions run so far by this request. */
  tx: number;
  /** The key row was inserted by this request's first transaction. */
  claimed: boolean;
  /** Results of transactions that already committed for this key (replay). */
  replay?: unknown[];
}

const keyed = new AsyncLocalStorage<KeyedRequest | undefined>();

/** Runs `fn` outside any keyed request (group commits serve many callers at once). */
export function outsideKeyedRequest<T>(fn: () => T): T {
  return keyed.run(undefined, fn);
}

/** Whether the current request carries an Idempotency-Key (a caller may avoid a group commit). */
export function inKeyedRequest(): boolean {
  return keyed.getStore() !== undefined;
}

/** The key was claimed by another request (in flight, or committed meanwhile). */
class KeyTaken extends Error {}

/** Handlers must let this one through untouched (the RPC server does). */
export function isKeyTaken(e: unknown): boolean {
  return e instanceof KeyTaken;
}

/** JSON text in which Dates survive the round trip through jsonb (a transaction's result may hold row timestamps). */
function encode(v: unknown): string {
  return JSON.stringify(v ?? null, function (this: Record<string, unknown>, k, value: unknown) {
    const raw = this[k];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

function revive(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v), (_k, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === '$date' && typeof o.$date === 'string') return new Date(o.$date);
    }
    return value;
  });
}

export interface StoredAnswer {
  /** The encoded reply, as first sent. */
  reply: Uint8Array;
}

const encoder = new TextEncoder();

function errorReply(reason: ErrorReason): Uint8Array {
  return encoder.encode(JSON.stringify({ ok: false, error: AppError.bodyOf(reason, {}, KEY_FIELD) }));
}

const KEY_FIELD = 'Idempotency-Key';
const KEEP_HOURS = 24;

export class IdempotencyStore {
  private readonly table: string;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly ds: DataSource,
    schema: string,
    private readonly logger?: Logger,
  ) {
    this.table = `"${schema}"."idempotency_keys"`;
    this.wrapTransactions();
    this.sweeper = setInterval(() => void this.sweep(), 3600_000);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /**
   * Answers a keyed request: the stored answer, or `handle()` run with the key claimed by its
   * first transaction. `handle` answers the encoded reply, or throws one (an error reply).
   */
  async answer(
    scope: string,
    key: string,
    payload: Uint8Array,
    handle: () => Promise<Uint8Array>,
  ): Promise<Uint8Array> {
    const hash = createHash('sha256').update(payload).digest('hex');
    const found = await this.find(scope, key);
    if (found && found.request_hash !== hash) return errorReply('IDEMPOTENCY_KEY_REUSED');
    if (found?.response != null) return encoder.encode(found.response);
    const ctx: KeyedRequest = {
      scope,
      key,
      hash,
      tx: 0,
      claimed: false,
      replay: found ? (found.tx_results as unknown[]) : undefined,
    };
    let reply: Uint8Array;
    try {
      reply = await keyed.run(ctx, handle);
    } catch (e) {
      if (e instanceof KeyTaken) return this.afterRace(scope, key, hash);
      throw e;
    }
    if ((ctx.claimed || ctx.replay) && isOk(reply)) {
      await this.ds
        .query(`UPDATE ${this.table} SET response = $3 WHERE scope = $1 AND key = $2`, [
          scope,
          key,
          Buffer.from(reply).toString('utf8'),
        ])
        .catch((e: unknown) =>
          this.logger?.warn({ err: e }, 'idempotency: answer not stored (a retry replays)'),
        );
    }
    return reply;
  }

  /** Another request with the same key committed first: its answer, or "in progress". */
  private async afterRace(scope: string, key: string, hash: string): Promise<Uint8Array> {
    const found = await this.find(scope, key);
    if (found && found.request_hash !== hash) return errorReply('IDEMPOTENCY_KEY_REUSED');
    if (found?.response != null) return encoder.encode(found.response);
    return errorReply('IDEMPOTENCY_KEY_IN_PROGRESS');
  }

  private async find(
    scope: string,
    key: string,
  ): Promise<{ request_hash: string; tx_results: unknown; response: string | null } | undefined> {
    const rows = (await this.ds.query(
      `SELECT request_hash, tx_results, response FROM ${this.table} WHERE scope = $1 AND key = $2`,
      [scope, key],
    )) as { request_hash: string; tx_results: unknown; response: string | null }[];
    return rows[0];
  }

  /**
   * Every `ds.transaction(work)` of a keyed request: the first one claims the key; each one keeps
   * its result with the key in the same transaction; in replay, a transaction that committed
   * before answers its stored result instead of running again.
   */
  private wrapTransactions(): void {
    const ds = this.ds as DataSource & { __idempotent?: boolean };
    if (ds.__idempotent) return;
    ds.__idempotent = true;
    const original = ds.transaction.bind(ds) as (...args: unknown[]) => Promise<unknown>;
    const table = this.table;
    (ds as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (
      ...args: unknown[]
    ) => {
      const ctx = keyed.getStore();
      if (!ctx) return original(...args);
      const work = args[args.length - 1] as (m: EntityManager) => Promise<unknown>;
      const n = ctx.tx++;
      if (ctx.replay && n < ctx.replay.length) return Promise.resolve(revive(ctx.replay[n]));
      const keyedWork = async (m: EntityManager): Promise<unknown> => {
        if (!ctx.claimed && !ctx.replay) {
          const rows = (await m.query(
            `INSERT INTO ${table} (scope, key, request_hash) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING 1`,
            [ctx.scope, ctx.key, ctx.hash],
          )) as unknown[];
          if (rows.length === 0) throw new KeyTaken();
        }
        const result = await work(m);
        await m.query(
          `UPDATE ${table} SET tx_results = tx_results || jsonb_build_array($3::jsonb)
           WHERE scope = $1 AND key = $2`,
          [ctx.scope, ctx.key, encode(result)],
        );
        return result;
      };
      return original(...args.slice(0, -1), keyedWork).then((r) => {
        if (!ctx.replay) ctx.claimed = true;
        return r;
      });
    };
  }

  private async sweep(): Promise<void> {
    await this.ds
      .query(`DELETE FROM ${this.table} WHERE created_at < now() - interval '${KEEP_HOURS} hours'`)
      .catch((e: unknown) => this.logger?.warn({ err: e }, 'idempotency: sweep failed'));
  }
}

function isOk(reply: Uint8Array): boolean {
  const p = OK_REPLY_PREFIX;
  if (reply.length < p.length) return false;
  for (let i = 0; i < p.length; i += 1) if (reply[i] !== p.charCodeAt(i)) return false;
  return true;
}

/**
 * A write that is a single statement outside a transaction: under an Idempotency-Key it runs in
 * a transaction of its own (which keeps the key, and whose result a replay answers); otherwise as
 * `plain`, with no transaction's round trips. `work` must answer what the caller goes on with
 * (the row, or the ids it made), since a replay answers that instead of running it.
 */
export function writeOnce<T>(
  ds: DataSource,
  work: (m: EntityManager) => Promise<T>,
  plain: () => Promise<T> = () => work(ds.manager),
): Promise<T> {
  return inKeyedRequest() ? ds.transaction(work) : plain();
}
