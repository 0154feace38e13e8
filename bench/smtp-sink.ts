/**
 * The notifications benchmark's SMTP sink, in a process of its own (so the bare nodemailer loop and
 * the notifications service both talk to it over TCP, and neither shares its CPU): SmtpTestServer
 * reading headers only, counting deliveries per recipient and per Message-ID. Driven over IPC by
 * bench/notifications.bench.ts: `stats`, `clear`, `waitFor <n>`.
 */
import { SmtpTestServer } from '@tdkt/testing';

type Command = { id: number; cmd: 'stats' | 'clear' | 'waitFor' | 'stop'; n?: number; timeoutMs?: number };

async function main(): Promise<void> {
  const sink = await SmtpTestServer.start({ parse: 'headers', maxMessages: 10 });
  const reply = (id: number, body: unknown): void => {
    process.send?.({ id, ...(body as object) });
  };
  const stats = () => {
    let multi = 0;
    for (const n of sink.counts().values()) if (n > 1) multi++;
    return {
      count: sink.count,
      distinct: sink.counts().size,
      recipientsOverOne: multi,
      duplicateMessageIds: sink.duplicates().length,
      rejected: sink.rejected,
    };
  };
  process.on('message', (m: Command) => {
    if (m.cmd === 'stats') reply(m.id, stats());
    else if (m.cmd === 'clear') {
      sink.clear();
      reply(m.id, stats());
    } else if (m.cmd === 'waitFor')
      sink.waitForCount(m.n ?? 0, m.timeoutMs ?? 600_000).then(
        () => reply(m.id, { ...stats(), at: Date.now() }),
        (e: Error) => reply(m.id, { error: e.message, ...stats() }),
      );
    else if (m.cmd === 'stop') void sink.close().then(() => process.exit(0));
  });
  process.send?.({ id: 0, port: sink.port, host: sink.host });
}

void main();
