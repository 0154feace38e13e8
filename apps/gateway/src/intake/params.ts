import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SubmissionParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  submissionId: string;
}

export class FileParam extends SubmissionParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fileId: string;
}
