import { eventDef, JobState, JobView, RpcErrorBody } from '@tdkt/contracts';
import { JsMsg, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { RunningConsumer, startConsumer } from '../jetstream/consumer';
import { ensureStream, jetStreamManager } from '../jetstream/streams';
import { AppError } from '../nats/app-error';
import { execute } from '../database/database';
import { outsideKeyedRequest } from '../idempotency/idempotency';
import { addToOutbox, makeEnvelope } from '../outbox/outbox';

/**
 * Long work as jobs: a JetStream work queue per service (`<SERVICE>_JOBS`, subjects
 * `<service>.jobs.<kind>`) and a `jobs` table in the service's schema that holds each job's state,
 * progress, result and error.
 *
 * - `enqueue(m, kind, input)` writes the job row and its work-queue message (through the outbox)
 *   in the caller's transaction: a job exists if and only if that transaction committed.
 * - One worker per instance takes jobs one at a time (bounded memory), keeps the message alive
 *   while it runs (`working()`), and stores DONE with the result, or FAILED with the error.
 * - A handler that throws an `AppError` fails the job (not retried: the input is wrong). Any other
 *   error is retried with a growing delay, at most `maxAttempts` times. If the instance dies, the
 *   message is redelivered to another one after `ackWaitMs`: handlers must be idempotent.
 */

export const JOB_RUNNER = Symbol('JOB_RUNNER');

/** DDL for a service migration. */
export function jobTablesUp(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."jobs" (
      "id" uuid PRIMARY KEY,
      "kind" text NOT NULL,
      "state" text NOT NULL CHECK ("state" IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
      "input" jsonb NOT NULL,
      "progress" jsonb NOT NULL DEFAULT '{"done": 0, "total": null}'::jsonb,
      "result" jsonb,
      "error" jsonb,
      "attempts" integer NOT NULL DEFAULT 0,
      "created_by" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX "jobs_state_created" ON "${schema}"."jobs" ("state", "created_at")`,
  ];
}

export function jobTablesDown(schema: string): string[] {
  return [`DROP TABLE "${schema}"."jobs"`];
}

export interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  input: unknown;
  progress: { done: number; total: number | null };
  result: unknown | null;
  error: RpcErrorBody | null;
  attempts: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: row.progress,
    result: row.result,
    error: row.error,
    attempts: row.attempts,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface JobContext {
  /** The job's id. */
  id: string;
  /** 1 for the first try, 2 after a retry or a redelivery… */
  attempt: number;
  /** Records progress (in the job's own unit: rows, bytes…); readable through `get`. */
  progress(done: number, total?: number | null): Promise<void>;
}

export type JobHandler<I, R> = (input: I, ctx: JobContext) => Promise<R>;

export interface JobRunnerOptions {
  ds: DataSource;
  nc: NatsConnection;
  schema: string;
  /** The deployment's subject prefix. */
  prefix: string;
  /** The service's name: stream `<NAME>_JOBS`, subjects `<name>.jobs.<kind>`. */
  service: string;
  logger: Logger;
  /** Tries before a job that keeps failing (not with an AppError) is FAILED. */
  maxAttempts?: number;
  /** Without a sign of life for this long, the job goes to another instance. */
  ackWaitMs?: number;
  /** First retry delay (grows with each try). */
  backoffMs?: number;
}

interface JobMessage {
  jobId: string;
  kind: string;
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler<unknown, unknown>>();
  private consumer?: RunningConsumer;
  private readonly table: string;
  private readonly def;

  constructor(private readonly opts: JobRunnerOptions) {
    this.table = `"${opts.schema}"."jobs"`;
    this.def = eventDef<JobMessage>(`${opts.service.toUpperCase()}_JOBS`, `${opts.service}.jobs`, 'kind');
  }

  /** The work queue's stream (made by the kit before the outbox relay starts). */
  async ensureStream(): Promise<void> {
    await ensureStream(
      await jetStreamManager(this.opts.nc),
      this.opts.prefix,
      { name: this.def.stream, subjects: [`${this.def.subject}.*`] },
      { retention: 'workqueue' },
    );
  }

  handle<I, R>(kind: string, handler: JobHandler<I, R>): void {
    if (!/^[a-z0-9-]{1,64}$/.test(kind))
      throw new Error(`job kind "${kind}" must be lower-case words with hyphens`);
    if (this.handlers.has(kind)) throw new Error(`job kind "${kind}" has a handler already`);
    this.handlers.set(kind, handler as JobHandler<unknown, unknown>);
  }

  /** A new job, in the caller's transaction (the row and its message commit together or not at all). */
  async enqueue(m: EntityManager, kind: string, input: unknown, createdBy?: string): Promise<JobRow> {
    const id = randomUUID();
    const [row] = (await m.query(
      `INSERT INTO ${this.table} (id, kind, state, input, created_by) VALUES ($1, $2, 'QUEUED', $3, $4) RETURNING *`,
      [id, kind, JSON.stringify(input ?? null), createdBy ?? null],
    )) as JobRow[];
    const envelope = makeEnvelope(this.def, { jobId: id, kind });
    await addToOutbox(m, this.opts.schema, [{ ...envelope, subject: `${this.def.subject}.${kind}` }]);
    return row;
  }

  async get(id: string): Promise<JobRow | undefined> {
    const rows = (await this.opts.ds.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id])) as JobRow[];
    return rows[0];
  }

  async start(): Promise<void> {
    const maxAttempts = this.opts.maxAttempts ?? 5;
    this.consumer = await startConsumer<JobMessage>({
      nc: this.opts.nc,
      prefix: this.opts.prefix,
      event: this.def,
      durable: `${this.opts.service}-jobs`,
      logger: this.opts.logger,
      maxDeliver: maxAttempts + 1,
      ackWaitMs: this.opts.ackWaitMs ?? 30_000,
      backoffMs: this.opts.backoffMs ?? 1000,
      handler: (envelope, msg) => outsideKeyedRequest(() => this.run(envelope.data.jobId, msg, maxAttempts)),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  /** One delivery of a job's message. Returns to ack it; throws to have it offered again. */
  private async run(id: string, msg: JsMsg, maxAttempts: number): Promise<void> {
    const job = await this.get(id);
    if (!job || job.state === JobState.DONE || job.state === JobState.FAILED) return;
    if (job.attempts >= maxAttempts) {
      // Tried that often without an answer (the instance died each time): give up, say why.
      await this.finish(
        id,
        JobState.FAILED,
        null,
        AppError.bodyOf('JOB_GAVE_UP', {
          kind: job.kind,
          attempts: job.attempts,
          detail: 'không có kết quả',
        }),
      );
      return;
    }
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      await this.finish(id, JobState.FAILED, null, AppError.bodyOf('JOB_KIND_UNKNOWN', { kind: job.kind }));
      return;
    }
    const { rows } = await execute<{ attempts: number }>(
      this.opts.ds,
      `UPDATE ${this.table} SET state = 'RUNNING', attempts = attempts + 1, updated_at = now()
       WHERE id = $1 RETURNING attempts`,
      [id],
    );
    const attempts = rows[0].attempts;
    const alive = setInterval(() => msg.working(), Math.max(1000, (this.opts.ackWaitMs ?? 30_000) / 3));
    try {
      const result = await handler(job.input, {
        id,
        attempt: attempts,
        progress: async (done, total) => {
          await this.opts.ds.query(
            `UPDATE ${this.table} SET progress = jsonb_build_object('done', $2::bigint, 'total', $3::bigint),
               updated_at = now() WHERE id = $1`,
            [id, done, total ?? null],
          );
        },
      });
      await this.finish(id, JobState.DONE, result ?? null, null);
    } catch (e) {
      if (e instanceof AppError) {
        await this.finish(id, JobState.FAILED, null, e.body);
        return;
      }
      const detail = e instanceof Error ? e.message : String(e);
      if (attempts >= maxAttempts) {
        this.opts.logger.error({ err: e, job: id, kind: job.kind, attempts }, 'job gave up');
        await this.finish(
          id,
          JobState.FAILED,
          null,
          AppError.bodyOf('JOB_GAVE_UP', { kind: job.kind, attempts, detail: detail.slice(0, 200) }),
        );
        return;
      }
      this.opts.logger.warn({ err: e, job: id, kind: job.kind, attempts }, 'job failed; it will be retried');
      await this.opts.ds
        .query(`UPDATE ${this.table} SET state = 'QUEUED', error = $2, updated_at = now() WHERE id = $1`, [
          id,
          JSON.stringify({ code: 'INTERNAL', message: detail.slice(0, 500) }),
        ])
        .catch(() => undefined);
      throw e;
    } finally {
      clearInterval(alive);
    }
  }

  private async finish(
    id: string,
    state: JobState,
    result: unknown,
    error: RpcErrorBody | null,
  ): Promise<void> {
    await this.opts.ds.query(
      `UPDATE ${this.table} SET state = $2, result = $3, error = $4, updated_at = now() WHERE id = $1`,
      [
        id,
        state,
        result === null ? null : JSON.stringify(result),
        error === null ? null : JSON.stringify(error),
      ],
    );
  }
}
