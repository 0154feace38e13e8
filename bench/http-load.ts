/**
 * A lean HTTP/1.1 load generator for a burst of distinct requests: `connections` keep-alive
 * sockets, each sending its next request once the previous answer is complete (closed loop).
 *
 * Why not autocannon here: at a deadline peak every request is different (its own submission,
 * token and key), so autocannon rebuilt each request and parsed each answer in JavaScript, about
 * 70–95 µs of CPU per request on the same 2 cores as the system under test. Here every request is
 * encoded before the burst starts, and an answer is only framed (status line, `content-length`)
 * and kept as bytes; reading the bodies is the caller's business, after the burst.
 *
 * Answers must carry `content-length` (the gateway always sends it); anything else fails the run
 * loudly rather than being miscounted.
 */
import { connect, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

interface HttpRequestSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
}

interface HttpAnswer {
  /** The request's index in the list given. */
  index: number;
  /** 0 when no answer came (connection lost or timed out). */
  status: number;
  body: Buffer;
  ms: number;
}

export interface HttpBurstOptions {
  host: string;
  port: number;
  connections: number;
  /** Encoded with `encodeRequest` before the burst. */
  requests: Buffer[];
  /** Per request, from writing it to its last byte (default 20 s). */
  timeoutMs?: number;
  /** Called for every request once, in the order answers complete. */
  onAnswer: (a: HttpAnswer) => void;
  /** Called when a request is written (for "offered within"). */
  onOffer?: (index: number) => void;
}

interface HttpBurstResult {
  /** Requests without an answer: the connection was lost or the answer did not come in time. */
  errors: number;
  timeouts: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** A request without a body, as bytes. */
export function encodeRequest(host: string, port: number, r: HttpRequestSpec): Buffer {
  const lines = [`${r.method} ${r.path} HTTP/1.1`, `host: ${host}:${port}`, 'content-length: 0'];
  for (const [k, v] of Object.entries(r.headers)) lines.push(`${k}: ${v}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** Splits one complete answer off the front of `buf`, or answers undefined when it is not all in. */
function takeAnswer(buf: Buffer): { status: number; body: Buffer; rest: Buffer } | undefined {
  const end = buf.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const head = buf.toString('latin1', 0, end);
  const status = Number(head.slice(9, 12));
  if (!head.startsWith('HTTP/1.1 ') || !Number.isInteger(status))
    throw new Error(`not an HTTP/1.1 answer: ${head.slice(0, 40)}`);
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!m) throw new Error(`answer ${status} without content-length: ${head.slice(0, 200)}`);
  const total = end + 4 + Number(m[1]);
  if (buf.length < total) return undefined;
  return { status, body: buf.subarray(end + 4, total), rest: buf.subarray(total) };
}

export function httpBurst(opts: HttpBurstOptions): Promise<HttpBurstResult> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const encoded = opts.requests;
  let next = 0;
  let done = 0;
  const result: HttpBurstResult = { errors: 0, timeouts: 0 };

  return new Promise<HttpBurstResult>((resolve, reject) => {
    if (encoded.length === 0) return resolve(result);
    let failed = false;
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    const finish = (index: number, status: number, body: Buffer, sentAt: number): void => {
      done += 1;
      opts.onAnswer({ index, status, body, ms: performance.now() - sentAt });
      if (done === encoded.length) resolve(result);
    };

    const open = (): void => {
      if (next >= encoded.length || failed) return;
      const socket: Socket = connect({ host: opts.host, port: opts.port, noDelay: true });
      let buf: Buffer = Buffer.alloc(0);
      let current = -1;
      let sentAt = 0;
      let timer: NodeJS.Timeout | undefined;

      const send = (): void => {
        if (next >= encoded.length) {
          current = -1;
          socket.end();
          return;
        }
        current = next++;
        sentAt = performance.now();
        opts.onOffer?.(current);
        timer = setTimeout(() => {
          result.timeouts += 1;
          lost();
        }, timeoutMs);
        socket.write(encoded[current]);
      };
      // The request in flight has no answer: counted, reported as status 0, and a new connection goes on.
      const lost = (): void => {
        if (current < 0) return;
        clearTimeout(timer);
        const i = current;
        current = -1;
        socket.destroy();
        finish(i, 0, Buffer.alloc(0), sentAt);
        open();
      };

      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        try {
          const a = takeAnswer(buf);
          if (!a || current < 0) return;
          if (a.rest.length) throw new Error('an answer came that was not asked for');
          clearTimeout(timer);
          buf = Buffer.alloc(0);
          const i = current;
          finish(i, a.status, Buffer.from(a.body), sentAt);
          send();
        } catch (e) {
          fail(e as Error);
          socket.destroy();
        }
      });
      socket.on('error', () => undefined); // followed by 'close'
      socket.on('close', () => {
        if (current >= 0) {
          result.errors += 1;
          lost();
        }
      });
    };

    for (let c = 0; c < Math.min(opts.connections, encoded.length); c += 1) open();
  });
}
