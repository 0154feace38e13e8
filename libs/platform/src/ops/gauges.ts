import type { NatsConnection } from 'nats';
import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { jetStreamManager } from '../jetstream/streams';
import { metricsRegistry } from './metrics';

/**
 * Gauges an operator watches in every service, sampled when Prometheus scrapes (never on a timer):
 *
 * - `jetstream_consumer_pending_messages{service,stream,consumer}`: events not yet delivered to
 *   each durable consumer the service owns (its lag), and `jetstream_consumer_ack_pending_messages`
 *   those delivered but not yet acknowledged;
 * - `outbox_backlog_events{service}` and `outbox_oldest_event_age_seconds{service}`: events written
 *   but not yet relayed to JetStream (the relay deletes a row once it is published);
 * - `db_pool_connections{service,state}` (state = total | idle | waiting | max): the Postgres pool.
 *
 * A probe that fails or takes longer than a second leaves its series out of that scrape (an absent
 * series, not a stale one) and counts in `ops_gauge_sample_failures_total{service,probe}`.
 */

interface OwnedConsumer {
  stream: string;
  durable: string;
}

/** Durable consumers started on each connection (each service has its own connection). */
const owned = new WeakMap<NatsConnection, Map<string, OwnedConsumer>>();

/** Called by `startConsumer`: the consumer belongs to the service of this connection. */
export function ownConsumer(nc: NatsConnection, stream: string, durable: string): void {
  let map = owned.get(nc);
  if (!map) owned.set(nc, (map = new Map()));
  map.set(`${stream}/${durable}`, { stream, durable });
}

export interface GaugeSource {
  service: string;
  nc?: NatsConnection;
  ds?: DataSource;
  /** The schema whose `outbox` table is watched (services that publish or run jobs). */
  outboxSchema?: string;
}

const sources = new Set<GaugeSource>();

/** Watches a service's consumers, outbox and pool; answers the function that stops watching. */
export function watchService(source: GaugeSource): () => void {
  sources.add(source);
  return () => {
    sources.delete(source);
  };
}

const PROBE_TIMEOUT_MS = 1000;

let inFlight: Promise<void> | undefined;

/**
 * One sample for all the gauges of a scrape: the registry asks every metric at once, so each
 * gauge's collect joins the sample already running instead of starting its own.
 */
function sampleOnce(): Promise<void> {
  inFlight ??= sampleAll().finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

const collect = async (): Promise<void> => sampleOnce();

export const consumerPending = new Gauge({
  name: 'jetstream_consumer_pending_messages',
  help: 'Events not yet delivered to a durable consumer the service owns (its lag)',
  labelNames: ['service', 'stream', 'consumer'],
  registers: [metricsRegistry],
  collect,
});

export const consumerAckPending = new Gauge({
  name: 'jetstream_consumer_ack_pending_messages',
  help: 'Events delivered to a durable consumer the service owns and not yet acknowledged',
  labelNames: ['service', 'stream', 'consumer'],
  registers: [metricsRegistry],
  collect,
});

export const outboxBacklog = new Gauge({
  name: 'outbox_backlog_events',
  help: 'Events in the outbox not yet published to JetStream',
  labelNames: ['service'],
  registers: [metricsRegistry],
  collect,
});

export const outboxOldestAge = new Gauge({
  name: 'outbox_oldest_event_age_seconds',
  help: 'Age of the oldest event in the outbox not yet published (0 when none)',
  labelNames: ['service'],
  registers: [metricsRegistry],
  collect,
});

export const dbPool = new Gauge({
  name: 'db_pool_connections',
  help: 'Postgres pool: total (open), idle, waiting (callers queued for a connection), max',
  labelNames: ['service', 'state'],
  registers: [metricsRegistry],
  collect,
});

export const gaugeSampleFailures = new Counter({
  name: 'ops_gauge_sample_failures_total',
  help: 'Gauge probes that failed or timed out (their series are left out of that scrape)',
  labelNames: ['service', 'probe'],
  registers: [metricsRegistry],
});

function within<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS).unref(),
    ),
  ]);
}

interface PgPoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

async function sampleAll(): Promise<void> {
  consumerPending.reset();
  consumerAckPending.reset();
  outboxBacklog.reset();
  outboxOldestAge.reset();
  dbPool.reset();
  await Promise.all([...sources].map((s) => sampleSource(s)));
}

async function sampleSource(s: GaugeSource): Promise<void> {
  const failed = (probe: string): void => gaugeSampleFailures.inc({ service: s.service, probe });
  const pool = s.ds?.isInitialized
    ? ((s.ds.driver as unknown as { master?: PgPoolLike }).master ?? undefined)
    : undefined;
  if (pool) {
    dbPool.set({ service: s.service, state: 'total' }, pool.totalCount);
    dbPool.set({ service: s.service, state: 'idle' }, pool.idleCount);
    dbPool.set({ service: s.service, state: 'waiting' }, pool.waitingCount);
    if (pool.options?.max) dbPool.set({ service: s.service, state: 'max' }, pool.options.max);
  }
  const work: Promise<void>[] = [];
  if (s.ds?.isInitialized && s.outboxSchema) {
    const ds = s.ds;
    const schema = s.outboxSchema;
    work.push(
      within(
        ds.query(
          `SELECT count(*)::int AS n,
                  COALESCE(EXTRACT(EPOCH FROM now() - min("created_at")), 0)::float8 AS age
             FROM "${schema}"."outbox"`,
        ) as Promise<{ n: number; age: number }[]>,
      ).then(
        ([row]) => {
          outboxBacklog.set({ service: s.service }, row.n);
          outboxOldestAge.set({ service: s.service }, Math.max(0, row.age));
        },
        () => failed('outbox'),
      ),
    );
  }
  const consumers = s.nc && !s.nc.isClosed() ? owned.get(s.nc) : undefined;
  if (s.nc && consumers?.size) {
    const nc = s.nc;
    work.push(
      within(jetStreamManager(nc)).then(
        (jsm) =>
          Promise.all(
            [...consumers.values()].map((c) =>
              within(jsm.consumers.info(c.stream, c.durable)).then(
                (info) => {
                  const labels = { service: s.service, stream: c.stream, consumer: c.durable };
                  consumerPending.set(labels, info.num_pending);
                  consumerAckPending.set(labels, info.num_ack_pending);
                },
                () => failed('jetstream'),
              ),
            ),
          ).then(() => undefined),
        () => failed('jetstream'),
      ),
    );
  }
  await Promise.all(work);
}
