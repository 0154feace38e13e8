import { Injectable } from '@nestjs/common';
import { ImportRecordsRequest, RecordImportView } from '@tdkt/contracts';
import { mayImportRecords } from '@tdkt/domain';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { authorize } from '../access';
import { checkedPeriod } from '../period';
import { RecordImporter } from './record-import';
import { recordFileKind } from './record-reader';
import { recordImportView } from './records.views';

/**
 * A small file of award records sent as the request's body (CSV or XLSX, up to what crosses NATS):
 * imported now, all or nothing, once per content. Large files go through storage (uploads).
 */
@Injectable()
export class RecordsService {
  constructor(private readonly importer: RecordImporter) {}

  async import(r: ImportRecordsRequest): Promise<RecordImportView> {
    const period = checkedPeriod(r.from, r.to);
    // Who may import at all, before anything is looked up (an earlier import of the same content).
    authorize(r.actor, (grants) => mayImportRecords(grants, r.actor.unitId));
    const kind = recordFileKind(r);
    const bytes = Buffer.from(r.fileBase64, 'base64');
    const out = await this.importer.import(
      {
        fileName: r.fileName,
        kind,
        period,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        open: async () => Readable.from([bytes]),
      },
      r.actor,
    );
    return recordImportView(out.row, out.already);
  }
}
