import { MemberScoresView, ScoreChangeView, ScoreEntryView, ScoreKind } from '@tdkt/contracts';
import { ScoreKindName, ScoreKinds } from '@tdkt/domain';
import type { Results } from './computation';
import type { EntryRow, ScoreChangeRow } from './scores.repository';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The wire enum carries exactly the domain's kinds: this fails to compile when they drift apart. */
export const SCORE_KINDS_MATCH: Same<`${ScoreKind}`, ScoreKindName> = true;

const KIND: { [K in ScoreKindName]: ScoreKind } = {
  [ScoreKinds.SELF]: ScoreKind.SELF,
  [ScoreKinds.APPRAISAL]: ScoreKind.APPRAISAL,
  [ScoreKinds.OUTSIDE]: ScoreKind.OUTSIDE,
};

/** A stored kind (null when nobody appraised the entry). */
function kindOf(k: string | null): ScoreKind | null {
  return k === null ? null : (KIND[k as ScoreKindName] ?? null);
}

export function entryView(e: EntryRow): ScoreEntryView {
  return {
    criterion: e.criterion,
    selfValue: e.self_value,
    evidence: e.evidence,
    appraisedValue: e.appraised_value,
    appraisedKind: kindOf(e.appraised_kind),
    reason: e.reason,
    schemeVersion: e.scheme_version,
    updatedAt: new Date(e.updated_at).toISOString(),
  };
}

/** One member's entries (by criterion code) and its totals, self-scored and as appraised. */
export function memberScoresView(
  s: { groupId: string; year: number; memberId: string; schemeVersion: number; locked: boolean },
  rows: readonly EntryRow[],
  res: Results,
): MemberScoresView {
  return {
    groupId: s.groupId,
    year: s.year,
    memberId: s.memberId,
    schemeVersion: s.schemeVersion,
    locked: s.locked,
    entries: rows
      .filter((e) => e.member_id === s.memberId)
      .sort((a, b) => a.criterion.localeCompare(b.criterion))
      .map(entryView),
    selfTotal: res.self.get(s.memberId)?.total ?? 0,
    total: res.final.get(s.memberId)?.total ?? 0,
  };
}

export function scoreChangeView(x: ScoreChangeRow): ScoreChangeView {
  return {
    id: String(x.id),
    memberId: x.member_id,
    criterion: x.criterion,
    kind: KIND[x.kind],
    oldValue: x.old_value,
    newValue: x.new_value,
    reason: x.reason,
    authorId: x.author_id,
    authorRole: x.author_role,
    at: new Date(x.at).toISOString(),
  };
}
