/**
 * NATS responder for the raw request/reply baseline of bench/registry.bench.ts. It runs in its own
 * process (like the registry does), joins a queue group on the given subject and answers every
 * request with the request's own bytes. Usage (forked with an IPC channel by the benchmark):
 *   node -r @swc-node/register bench/nats-echo.ts <nats-url> <subject> [coalesce]
 * With `coalesce`, its socket writes are coalesced as the services' are (platform coalesceWrites).
 * Reports "ready" over IPC once subscribed; exits on SIGTERM or when the benchmark goes away.
 */
import { connect } from 'nats';
import { coalesceWrites } from '../libs/platform/src/adapters/nats-write-coalescing';

async function main(): Promise<void> {
  const [url, subject, mode] = process.argv.slice(2);
  if (!url || !subject) throw new Error('usage: nats-echo.js <nats-url> <subject>');
  const nc = await connect({ servers: url, name: 'bench-echo', maxReconnectAttempts: 0 });
  if (mode === 'coalesce') coalesceWrites(nc);
  nc.subscribe(subject, {
    queue: 'bench-echo',
    callback: (err, msg) => {
      if (!err) msg.respond(msg.data);
    },
  });
  await nc.flush();
  const stop = (): void => {
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
