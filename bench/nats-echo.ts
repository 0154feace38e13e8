/**
 * NATS responder for the raw request/reply baseline of bench/registry.bench.ts. It runs in its own
 * process (like the registry does), joins a queue group on the given subject and answers every
 * request with the request's own bytes. Usage (forked with an IPC channel by the benchmark):
 *   node -r @swc-node/register bench/nats-echo.ts <nats-url> <subject> [coalesce] [reply=<bytes>]
 * With `coalesce`, its socket writes are coalesced as the services' are (platform coalesceWrites).
 * With `reply=<bytes>`, it answers every request with that many bytes instead (a baseline for
 * calls whose answer is larger than their request: a ranking with its breakdown).
 * Reports "ready" over IPC once subscribed; exits on SIGTERM or when the benchmark goes away.
 */
import { connect } from 'nats';
import { coalesceWrites } from '../libs/platform/src/adapters/nats-write-coalescing';

async function main(): Promise<void> {
  const [url, subject, ...flags] = process.argv.slice(2);
  if (!url || !subject) throw new Error('usage: nats-echo.js <nats-url> <subject>');
  const nc = await connect({ servers: url, name: 'bench-echo', maxReconnectAttempts: 0 });
  if (flags.includes('coalesce')) coalesceWrites(nc);
  const size = Number(flags.find((f) => f.startsWith('reply='))?.slice(6) ?? NaN);
  const fixed = Number.isFinite(size) ? new Uint8Array(size).fill(0x61) : undefined;
  nc.subscribe(subject, {
    queue: 'bench-echo',
    callback: (err, msg) => {
      if (!err) msg.respond(fixed ?? msg.data);
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
