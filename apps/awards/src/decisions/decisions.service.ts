import { Injectable } from '@nestjs/common';
import type { DecisionRecorded, EventEnvelope } from '@tdkt/contracts';
import { fold } from '@tdkt/domain';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { DecisionRecordRow, DecisionsRepository } from './decisions.repository';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A UUID derived from a name (the version-5 layout over SHA-256): the same name, the same id. */
export function nameUuid(name: string): string {
  const h = sha256(name);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The award records a decision's lines become (ids keyed by decision + line). */
export function decisionRecords(d: DecisionRecorded): DecisionRecordRow[] {
  return d.awards.map((a) => ({
    id: nameUuid(`honours-decision:${d.decisionId}:${a.line}`),
    line: a.line,
    decisionNumber: d.number,
    decisionKey: fold(d.number),
    decisionDate: d.signedOn,
    authority: d.authority,
    awardCode: a.award,
    recipientKind: a.recipientKind,
    recipientName: a.recipientName,
    recipientKey: fold(a.recipientName),
    unitId: a.recipientUnitId,
  }));
}

/** The `records_once` key of a record: decision number, form, recipient, unit. */
const naturalKey = (r: DecisionRecordRow) =>
  [r.decisionKey, r.awardCode, r.recipientKind, r.recipientKey, r.unitId].join('\u0000');

/**
 * Turns the honours service's decisions into award records, exactly once: the event id is
 * recorded with the effect (a redelivery does nothing), and the records' ids come from decision +
 * line (the same decision published again, under another event id, inserts nothing: `ON CONFLICT
 * (id)`). The records are dated by the decision, so the statistics of its period count them.
 *
 * A correcting decision first removes the corrected one's records (and from the month counts), then
 * inserts its own, in the same transaction — so a correction naming the same awards replaces them
 * instead of colliding with them. If the correction arrives first, the corrected decision is noted
 * as superseded and makes no records.
 *
 * The award records keep their natural key `records_once` (number, form, recipient, unit — no
 * authority: an imported file of the same decision must not count it twice). A line whose award is
 * already recorded under that key by ANOTHER record (a decision of the same number by another
 * authority, an imported file, or a repeated line) is not inserted: it is counted and its line
 * noted in `honours_decisions.collisions/collided_lines` and logged as a warning, never lost silently.
 */
@Injectable()
export class DecisionsService {
  constructor(private readonly repo: DecisionsRepository) {}

  async receive(e: EventEnvelope<DecisionRecorded>, logger: Logger): Promise<void> {
    const done = await this.repo.processOnce(e.id, (m) => this.apply(m, e.data, logger));
    if (!done) logger.debug({ eventId: e.id }, 'decision already processed');
  }

  private async apply(m: EntityManager, d: DecisionRecorded, logger?: Logger): Promise<void> {
    if (d.corrects) {
      const corrected = await this.repo.claim(m, d.corrects);
      if (!corrected.superseded_by) {
        if (corrected.import_id) await this.repo.removeRecords(m, corrected.import_id);
        await this.repo.mark(m, d.corrects, { supersededBy: d.decisionId });
      }
    }
    const own = await this.repo.claim(m, d.decisionId);
    if (own.import_id) return;
    const importId = nameUuid(`honours-decision:${d.decisionId}`);
    const rows = decisionRecords(d);
    await this.repo.addImport(m, {
      id: importId,
      sha: sha256(`honours-decision:${d.decisionId}`),
      fileName: `Quyết định số ${d.number} (${d.authority})`.slice(0, 255),
      records: rows.length,
      unitIds: [...new Set(rows.map((r) => r.unitId))],
      createdBy: d.recordedBy,
    });
    // Superseded before it arrived: noted, no records.
    if (own.superseded_by) {
      await this.repo.mark(m, d.decisionId, { importId, records: 0 });
      return;
    }
    const taken = new Set(await this.repo.collisions(m, rows));
    const seen = new Set<string>();
    const fresh: DecisionRecordRow[] = [];
    for (const r of rows) {
      const k = naturalKey(r);
      if (seen.has(k)) taken.add(r.line);
      seen.add(k);
      if (!taken.has(r.line)) fresh.push(r);
    }
    const records = await this.repo.addRecords(m, importId, fresh);
    const collidedLines = [...taken].sort((a, b) => a - b);
    if (collidedLines.length)
      logger?.warn(
        { decisionId: d.decisionId, number: d.number, authority: d.authority, lines: collidedLines },
        'decision lines already recorded under the same number, form and recipient: not counted again',
      );
    await this.repo.mark(m, d.decisionId, { importId, records, collidedLines });
  }
}
