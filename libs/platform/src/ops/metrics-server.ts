import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { metricsRegistry } from './metrics';

export interface MetricsServer {
  /** `http://host:port/metrics`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Prometheus metrics on a listener of their own (GET /metrics, nothing else), for a process whose
 * HTTP port is public (the gateway). Bound to loopback unless told otherwise; port 0 picks a free
 * one (tests). A port already taken (two instances on one machine) is logged and the process goes
 * on serving without it: metrics are never a reason to refuse traffic.
 */
export async function serveMetrics(opts: {
  port: number;
  host: string;
  logger: Logger;
}): Promise<MetricsServer | undefined> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    metricsRegistry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text))
      .catch((e: unknown) => {
        opts.logger.error({ err: e }, 'metrics: collection failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
      });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    opts.logger.warn({ err: e, port: opts.port, host: opts.host }, 'metrics listener not started');
    return undefined;
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
