import {
  DecisionAwardView,
  DecisionRecorded,
  DecisionStatus,
  DecisionView,
  RecipientKindOfAward,
} from '@tdkt/contracts';
import { awardByCode } from '@tdkt/domain';
import type { DecisionAwardRow, DecisionRow } from './decisions.repository';

export function decisionView(d: DecisionRow, lines: DecisionAwardRow[]): DecisionView {
  const mine = lines.filter((l) => l.decision_id === d.id);
  return {
    id: d.id,
    number: d.number,
    signedOn: d.signed_on,
    authority: d.authority,
    signerName: d.signer_name,
    signerTitle: d.signer_title,
    title: d.title,
    status: d.corrected_by ? DecisionStatus.SUPERSEDED : DecisionStatus.IN_FORCE,
    corrects: d.corrects,
    correctedBy: d.corrected_by,
    override:
      d.override_reason && d.override_by
        ? {
            reason: d.override_reason,
            by: d.override_by,
            lines: mine.filter((l) => l.beyond_proposed).length,
          }
        : null,
    awards: mine.map((l): DecisionAwardView => ({
      line: l.line,
      award: l.award,
      awardName: awardByCode(l.award)?.name ?? l.award,
      recipientKind: l.recipient_kind as RecipientKindOfAward,
      recipientUnitId: l.recipient_unit_id,
      recipientUnitName: l.recipient_unit_name,
      recipientName: l.recipient_name,
      dossierId: l.dossier_id,
      beyondProposed: l.beyond_proposed,
    })),
    recordedBy: d.recorded_by,
    recordedAt: new Date(d.recorded_at).toISOString(),
  };
}

/** The event awards turns into award records (one per line). */
export function decisionRecorded(d: DecisionRow, lines: DecisionAwardRow[]): DecisionRecorded {
  return {
    decisionId: d.id,
    number: d.number,
    signedOn: d.signed_on,
    authority: d.authority,
    signerName: d.signer_name,
    signerTitle: d.signer_title,
    corrects: d.corrects,
    recordedBy: d.recorded_by,
    awards: lines.map((l) => ({
      line: l.line,
      award: l.award,
      recipientKind: l.recipient_kind as RecipientKindOfAward,
      recipientUnitId: l.recipient_unit_id,
      recipientName: l.recipient_name ?? l.recipient_unit_name,
      dossierId: l.dossier_id,
    })),
  };
}
