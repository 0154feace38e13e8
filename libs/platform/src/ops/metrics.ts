import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, with the process's default metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export const rpcServerDuration = new Histogram({
  name: 'rpc_server_duration_seconds',
  help: 'Time to answer a NATS request, by subject and outcome',
  labelNames: ['subject', 'outcome'],
  buckets: BUCKETS,
  registers: [metricsRegistry],
});

export const rpcClientDuration = new Histogram({
  name: 'rpc_client_duration_seconds',
  help: 'Time until a NATS request was answered, by subject and outcome',
  labelNames: ['subject', 'outcome'],
  buckets: BUCKETS,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: BUCKETS,
  registers: [metricsRegistry],
});

export const outboxPublished = new Counter({
  name: 'outbox_published_total',
  help: 'Events relayed from the outbox to JetStream',
  registers: [metricsRegistry],
});

export const outboxFailures = new Counter({
  name: 'outbox_relay_failures_total',
  help: 'Relay rounds that failed (NATS or database unavailable)',
  registers: [metricsRegistry],
});

export const eventsConsumed = new Counter({
  name: 'events_consumed_total',
  help: 'Events handled by durable consumers, by consumer and outcome',
  labelNames: ['consumer', 'outcome'],
  registers: [metricsRegistry],
});
