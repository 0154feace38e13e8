import { Inject, Injectable } from '@nestjs/common';
import { JOB_RUNNER, JobRunner, Startable } from '@tdkt/platform';
import { DocumentsService, RENDER_JOB, RenderInput, RenderResult } from './documents.service';

/** The documents feature's jobs (transport only, like the handler): `render`. */
@Injectable()
export class DocumentsJobs {
  constructor(@Inject(JOB_RUNNER) jobs: JobRunner, documents: DocumentsService) {
    jobs.handle<RenderInput, RenderResult>(RENDER_JOB, (input, ctx) => documents.runRender(input, ctx));
  }
}

/**
 * More render jobs at once in one instance: the kit's JobRunner takes one job at a time, so
 * RENDER_JOBS_AT_ONCE − 1 more runners take from the same durable consumer (`documents-jobs`),
 * each one job at a time; the Chromium pool bounds the pages printing at once.
 */
export class ExtraRenderWorkers implements Startable {
  private readonly runners: JobRunner[] = [];

  constructor(count: number, make: () => JobRunner, documents: DocumentsService) {
    for (let i = 0; i < count; i++) {
      const r = make();
      r.handle<RenderInput, RenderResult>(RENDER_JOB, (input, ctx) => documents.runRender(input, ctx));
      this.runners.push(r);
    }
  }

  async start(): Promise<void> {
    for (const r of this.runners) await r.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}
