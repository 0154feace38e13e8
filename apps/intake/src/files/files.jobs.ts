import { Inject, Injectable } from '@nestjs/common';
import { FileCheckOutcome } from '@tdkt/contracts';
import { JOB_RUNNER, JobRunner } from '@tdkt/platform';
import { FILE_CONFIRM_JOB, FileConfirmInput, FilesService } from './files.service';

/**
 * The files feature's jobs (transport only, like the handler): `file-confirm` reads a large file
 * back and decides it (`FilesService.checkInJob`). Registered once, when the provider is made.
 */
@Injectable()
export class FilesJobs {
  constructor(@Inject(JOB_RUNNER) jobs: JobRunner, files: FilesService) {
    jobs.handle<FileConfirmInput, FileCheckOutcome>(FILE_CONFIRM_JOB, (input, ctx) =>
      files.checkInJob(input, ctx),
    );
  }
}
