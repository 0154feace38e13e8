import { StreamableFile } from '@nestjs/common';
import { FileView } from '@tdkt/contracts';
import { contentDisposition } from '@tdkt/domain';

/** A file a service made (base64 over NATS) as the HTTP answer, with its type and a safe download name. */
export function fileResponse(f: FileView): StreamableFile {
  return new StreamableFile(Buffer.from(f.base64, 'base64'), {
    type: f.contentType,
    disposition: contentDisposition(f.fileName),
  });
}
