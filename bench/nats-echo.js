/**
 * NATS responder for the raw request/reply baseline of bench/registry.bench.ts. It runs in its own
 * process (like the registry does), joins a queue group on the given subject and answers every
 * request with the request's own bytes. Usage (spawned with an IPC channel by the benchmark):
 *   node bench/nats-echo.js <nats-url> <subject>
 * Reports "ready" over IPC once subscribed; exits on SIGTERM or when the benchmark goes away.
 */
'use strict';

const { connect } = require('nats');

async function main() {
  const [url, subject] = process.argv.slice(2);
  if (!url || !subject) throw new Error('usage: nats-echo.js <nats-url> <subject>');
  const nc = await connect({ servers: url, name: 'bench-echo', maxReconnectAttempts: 0 });
  nc.subscribe(subject, {
    queue: 'bench-echo',
    callback: (err, msg) => {
      if (!err) msg.respond(msg.data);
    },
  });
  await nc.flush();
  const stop = () => {
    void nc.drain().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  if (process.send) process.send('ready');
}

main().catch((e) => {
  console.error(`[nats-echo] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
