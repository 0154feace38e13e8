import { consumeSubject, EventDef, EventEnvelope } from '@tdkt/contracts';
import {
  AckPolicy,
  ConsumerMessages,
  DeliverPolicy,
  JsMsg,
  NatsConnection,
  headers as natsHeaders,
  nanos,
} from 'nats';
import type { Logger } from 'pino';
import { Batcher } from '../database/batcher';
import { eventsConsumed } from '../ops/metrics';
import { ownConsumer } from '../ops/gauges';
import { prefixed, prefixedStream } from '../nats/nats.connection';
import { DEAD_LETTER_SUBJECT, ensureDeadLetterStream, jetStreamManager } from './streams';

const decoder = new TextDecoder();
/** Messages asked for at a time (and, batched, the most handled at once). */
const MAX_MESSAGES = 256;

export interface ConsumerOptions<P> {
  nc: NatsConnection;
  prefix: string;
  event: EventDef<P>;
  /** Durable name: one per consuming service and purpose, e.g. `notifications-membership`. */
  durable: string;
  /** For an event routed by a payload field (`routeBy`): only the events with this value. */
  only?: string;
  handler: (event: EventEnvelope<P>, msg: JsMsg) => Promise<void>;
  /**
   * Group commit for a busy consumer: events that arrive together are handed over together (up to
   * `maxBatch`), and each is acknowledged once the batch is done. Answers one result per event, in
   * order; an `Error` fails that event only (retried, then dead-lettered, as with `handler`). If it
   * throws, each event of the batch goes through `handler` alone, so one bad event never holds up
   * the others. Events are still taken in stream order, one batch at a time.
   */
  batchHandler?: (events: EventEnvelope<P>[]) => Promise<(void | Error)[]>;
  /** Largest batch for `batchHandler` (default 128). */
  maxBatch?: number;
  logger: Logger;
  /** Deliveries before the event goes to the dead-letter stream. */
  maxDeliver?: number;
  ackWaitMs?: number;
  /** Delay before a failed event is offered again (grows with each delivery). */
  backoffMs?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

/**
 * A durable JetStream pull consumer with explicit ack and bounded redelivery: a handler that throws
 * is retried with a growing delay; after `maxDeliver` tries the event is copied to the dead-letter
 * stream with the error and terminated. Handlers must be idempotent (see `IdempotentConsumer`).
 */
export async function startConsumer<P>(opts: ConsumerOptions<P>): Promise<RunningConsumer> {
  const maxDeliver = opts.maxDeliver ?? 5;
  const backoffMs = opts.backoffMs ?? 1000;
  const stream = prefixedStream(opts.prefix, opts.event.stream);
  const jsm = await jetStreamManager(opts.nc);
  await ensureDeadLetterStream(jsm, opts.prefix);
  const config = {
    durable_name: opts.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: prefixed(opts.prefix, consumeSubject(opts.event, opts.only)),
    ack_wait: nanos(opts.ackWaitMs ?? 30_000),
    max_deliver: maxDeliver,
  };
  try {
    await jsm.consumers.info(stream, opts.durable);
    await jsm.consumers.update(stream, opts.durable, {
      ack_wait: config.ack_wait,
      max_deliver: config.max_deliver,
      filter_subject: config.filter_subject,
    });
  } catch {
    await jsm.consumers.add(stream, config);
  }
  ownConsumer(opts.nc, stream, opts.durable); // its lag is a gauge of the owning service
  const js = opts.nc.jetstream();
  const consumer = await js.consumers.get(stream, opts.durable);
  let messages: ConsumerMessages | undefined;
  let stopped = false;

  const deadLetter = async (m: JsMsg, error: unknown): Promise<void> => {
    const h = natsHeaders();
    h.set('x-original-subject', m.subject);
    h.set('x-consumer', opts.durable);
    h.set('x-deliveries', String(m.info.redeliveryCount));
    h.set('x-error', String(error instanceof Error ? error.message : error).slice(0, 500));
    await js.publish(prefixed(opts.prefix, `${DEAD_LETTER_SUBJECT}.${opts.durable}`), m.data, {
      headers: h,
      msgID: `${opts.durable}:${m.seq}`,
    });
  };

  type Item = { envelope: EventEnvelope<P>; m: JsMsg };
  const batcher = opts.batchHandler
    ? new Batcher<Item, void>((items) => opts.batchHandler!(items.map((x) => x.envelope)), {
        maxBatch: opts.maxBatch ?? 128,
        concurrency: 1,
        alone: (x) => opts.handler(x.envelope, x.m),
        onSplit: (size, err) =>
          opts.logger.warn({ err, durable: opts.durable, size }, 'batch failed; one by one'),
      })
    : undefined;

  const handle = async (m: JsMsg): Promise<void> => {
    try {
      const envelope = JSON.parse(decoder.decode(m.data)) as EventEnvelope<P>;
      if (batcher) await batcher.add({ envelope, m });
      else await opts.handler(envelope, m);
      m.ack();
      eventsConsumed.inc({ consumer: opts.durable, outcome: 'ok' });
    } catch (error) {
      if (m.info.redeliveryCount >= maxDeliver) {
        opts.logger.error({ err: error, subject: m.subject, seq: m.seq }, 'event dead-lettered');
        try {
          await deadLetter(m, error);
          m.term();
          eventsConsumed.inc({ consumer: opts.durable, outcome: 'dead-letter' });
        } catch (dlqError) {
          opts.logger.error({ err: dlqError }, 'dead-letter publish failed; event will be offered again');
          m.nak(backoffMs);
        }
      } else {
        opts.logger.warn(
          { err: error, subject: m.subject, delivery: m.info.redeliveryCount },
          'event failed, retrying',
        );
        m.nak(backoffMs * m.info.redeliveryCount);
        eventsConsumed.inc({ consumer: opts.durable, outcome: 'retry' });
      }
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      try {
        messages = await consumer.consume({ max_messages: MAX_MESSAGES });
        if (!batcher) {
          for await (const m of messages) await handle(m);
          continue;
        }
        // Batched: take what has arrived without waiting for each event, so that the events
        // delivered together are written together; at most MAX_MESSAGES unacknowledged at once.
        const inFlight = new Set<Promise<void>>();
        for await (const m of messages) {
          const p: Promise<void> = handle(m).finally(() => inFlight.delete(p));
          inFlight.add(p);
          if (inFlight.size >= MAX_MESSAGES) await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
      } catch (e) {
        if (stopped) return;
        opts.logger.warn({ err: e, durable: opts.durable }, 'consumer interrupted; resuming');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const running = loop();

  return {
    async stop() {
      stopped = true;
      await messages?.close();
      await running;
    },
  };
}
