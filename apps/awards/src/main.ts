import { heapLimits, inBoundedWorker, onStop, runBounded } from './heap';

/**
 * Awards' process: the service in a worker thread with heap limits of its own (heap.ts), or as is.
 * The shell loads nothing of the service (the import below runs only where the service runs).
 */
const limits = inBoundedWorker() ? null : heapLimits(process.env);
if (limits) runBounded(process.argv[1], limits);
else
  import(/* webpackMode: "eager" */ './bootstrap')
    .then(({ bootstrapAwards }) => bootstrapAwards())
    .then((app) => onStop(() => app.close()))
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
