import { DossierPartView, DossierStepView, DossierStepped, DossierView } from '@tdkt/contracts';
import { DossierPartKind, DossierState } from '@tdkt/domain';
import type { DossierRow, StepRow } from './dossiers.repository';

/** The answer for a dossier: its row, its steps, and its parts (stored once submitted, else gathered now). */
export function dossierView(d: DossierRow, steps: StepRow[], parts: DossierPartView[]): DossierView {
  const missing = parts.filter((p) => !p.present).map((p) => p.kind as DossierPartKind);
  return {
    id: d.id,
    groupId: d.group_id,
    year: d.year,
    memberUnitId: d.member_unit_id,
    memberUnitName: d.member_unit_name,
    award: d.award,
    awardForm: d.award_form,
    subgroupId: d.subgroup_id,
    rank: d.rank,
    total: Number(d.total),
    state: d.state as DossierState,
    parts,
    missing,
    complete: missing.length === 0,
    returnReason: d.return_reason,
    decisionId: d.decision_id,
    history: steps
      .filter((s) => s.dossier_id === d.id)
      .map((s): DossierStepView => ({
        action: s.action as DossierStepView['action'],
        state: s.state as DossierState,
        by: s.by,
        reason: s.reason,
        at: new Date(s.at).toISOString(),
      })),
    createdAt: new Date(d.created_at).toISOString(),
    updatedAt: new Date(d.updated_at).toISOString(),
  };
}

/** The payload of a dossier's step event. */
export function dossierStepped(
  d: DossierRow,
  state: DossierState,
  by: string,
  reason: string | null,
): DossierStepped {
  return {
    dossierId: d.id,
    groupId: d.group_id,
    year: d.year,
    memberUnitId: d.member_unit_id,
    award: d.award,
    state,
    by,
    reason,
    at: new Date().toISOString(),
  };
}
