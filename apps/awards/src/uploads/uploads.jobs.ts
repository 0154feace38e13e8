import { Inject, Injectable } from '@nestjs/common';
import { RecordsImportResult } from '@tdkt/contracts';
import { JOB_RUNNER, JobRunner } from '@tdkt/platform';
import { RECORDS_IMPORT_JOB, RecordsImportInput, UploadsService } from './uploads.service';

/**
 * The uploads feature's jobs (transport only, like the handler): `records-import` imports an
 * uploaded file (`UploadsService.runImport`). Registered once, when the provider is made.
 */
@Injectable()
export class UploadsJobs {
  constructor(@Inject(JOB_RUNNER) jobs: JobRunner, uploads: UploadsService) {
    jobs.handle<RecordsImportInput, RecordsImportResult>(RECORDS_IMPORT_JOB, (input, ctx) =>
      uploads.runImport(input, ctx),
    );
  }
}
