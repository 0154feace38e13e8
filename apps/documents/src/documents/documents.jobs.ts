import { Inject, Injectable } from '@nestjs/common';
import { JOB_RUNNER, JobRunner } from '@tdkt/platform';
import { DocumentsService, RENDER_JOB, RenderInput, RenderResult } from './documents.service';

/** The documents feature's jobs (transport only, like the handler): `render`. */
@Injectable()
export class DocumentsJobs {
  constructor(@Inject(JOB_RUNNER) jobs: JobRunner, documents: DocumentsService) {
    jobs.handle<RenderInput, RenderResult>(RENDER_JOB, (input, ctx) => documents.runRender(input, ctx));
  }
}
