/**
 * Where the time goes: CPU seconds used by each process of the system during a measurement, read
 * from /proc (Linux). Postgres is the sum of all its processes; NATS is the local nats-server.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

function pidsNamed(prefix: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith(prefix);
      } catch {
        return false;
      }
    });
}

export type CpuShare = Record<string, { cores: number; usPerRequest: number }>;

/** Starts a measurement; the returned function ends it, given the rate measured meanwhile (req/s). */
export function cpuMeter(pids: Record<string, number>): (reqPerSec: number) => CpuShare {
  // Per process, so that a Postgres backend that ends during the measurement (a killed client's
  // connections) is left out rather than subtracting its whole life from the others.
  const snap = (): Record<string, Map<number, number>> => ({
    ...Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, new Map([[pid, cpuSeconds(pid)]])])),
    postgres: new Map(pidsNamed('postgres').map((pid) => [pid, cpuSeconds(pid)])),
    'nats-server': new Map(pidsNamed('nats-server').map((pid) => [pid, cpuSeconds(pid)])),
  });
  const before = snap();
  const t0 = Date.now();
  return (reqPerSec) => {
    const after = snap();
    const secs = (Date.now() - t0) / 1000;
    return Object.fromEntries(
      Object.entries(after).map(([k, now]) => {
        let used = 0;
        for (const [pid, v] of now) if (v > 0) used += v - (before[k]?.get(pid) ?? 0);
        const cores = Math.max(0, used) / secs;
        return [
          k,
          {
            cores: Math.round(cores * 100) / 100,
            usPerRequest: reqPerSec ? Math.round((cores / reqPerSec) * 1e6) : 0,
          },
        ];
      }),
    );
  };
}

export function formatCpu(title: string, share: CpuShare): string {
  const parts = Object.entries(share).map(([k, v]) => `${k} ${v.cores} cores (${v.usPerRequest} µs/req)`);
  const total = Object.values(share).reduce((a, v) => a + v.usPerRequest, 0);
  return `${title}: ${parts.join(', ')}; total ${total} µs of CPU per request`;
}
