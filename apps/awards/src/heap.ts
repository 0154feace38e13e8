import { isMainThread, parentPort, Worker } from 'node:worker_threads';

/**
 * Awards' memory, bounded by the service itself. V8 sizes a process's heap from the machine's
 * memory: on a 24 GB host it lets the young generation grow to 2 × 64 MB and lets garbage pile up
 * in the old generation for hundreds of MB before a full collection, whatever the live data (an
 * import of 400,000 lines keeps under 70 MB live). So the service runs in a worker thread of its
 * own process with heap limits of its own (`resourceLimits`): the same process (pid, signals,
 * exit code) with a young generation of AWARDS_HEAP_YOUNG_MB and an old one of AWARDS_HEAP_OLD_MB.
 * AWARDS_HEAP_LIMITS=off runs it on the main thread with V8's defaults.
 */
export interface HeapLimits {
  youngMb: number;
  oldMb: number;
}

export const HEAP_DEFAULTS: HeapLimits = { youngMb: 12, oldMb: 96 };

const mb = (v: string | undefined, fallback: number, min: number, max: number): number => {
  const n = v === undefined || v === '' ? fallback : Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`heap limit ${v} must be ${min}–${max} MB`);
  return n;
};

/** The limits the environment asks for, or null to run without (AWARDS_HEAP_LIMITS=off). */
export function heapLimits(env: NodeJS.ProcessEnv): HeapLimits | null {
  if (env.AWARDS_HEAP_LIMITS === 'off') return null;
  return {
    youngMb: mb(env.AWARDS_HEAP_YOUNG_MB, HEAP_DEFAULTS.youngMb, 3, 256),
    oldMb: mb(env.AWARDS_HEAP_OLD_MB, HEAP_DEFAULTS.oldMb, 64, 16_384),
  };
}

/** Whether this code runs as the bounded worker (started by `runBounded`). */
export const inBoundedWorker = (): boolean => !isMainThread && parentPort !== null;

/**
 * Runs `script` (this process's main script) again in a worker thread with the heap limits, and
 * stays its shell: SIGTERM and SIGINT ask the worker to stop (`onStop` there closes the service),
 * the process ends with the worker's exit code (1 if it ran out of its heap).
 */
export function runBounded(script: string, limits: HeapLimits): void {
  const worker = new Worker(`require(${JSON.stringify(script)})`, {
    eval: true,
    resourceLimits: { maxYoungGenerationSizeMb: limits.youngMb, maxOldGenerationSizeMb: limits.oldMb },
  });
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => {
      if (!stopping) worker.postMessage({ stop: signal });
      stopping = true;
    });
  worker.on('error', (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  });
  worker.on('exit', (code) => process.exit(code || Number(process.exitCode ?? 0)));
}

/** In the worker: `stop` when the shell passes a signal on. */
export function onStop(stop: () => Promise<void>): void {
  parentPort?.on('message', (m: { stop?: string }) => {
    if (!m?.stop) return;
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
      },
    );
  });
}
