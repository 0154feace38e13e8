import type { Startable } from '@tdkt/platform';
import { ChromiumPool } from './chromium-pool';

/** The pool's life inside the service: the warm browser launched at start, closed and killed at stop. */
export class ChromiumStartable implements Startable {
  constructor(private readonly pool: ChromiumPool) {}

  async start(): Promise<void> {
    await this.pool.start();
  }

  async stop(): Promise<void> {
    await this.pool.stop();
  }
}
