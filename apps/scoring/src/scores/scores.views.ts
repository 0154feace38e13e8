import { MemberScoresView, ScoreChangeView, ScoreEntryView, ScoreKind } from '@tdkt/contracts';
import type { Results } from './computation';
import type { EntryRow, ScoreChangeRow } from './scores.repository';

const KINDS = new Set<string>(Object.values(ScoreKind));

/** A stored kind (null when nobody appraised the entry). */
function kindOf(k: string | null): ScoreKind | null {
  return k !== null && KINDS.has(k) ? (k as ScoreKind) : null;
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
    scope: 'ALL',
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
    kind: x.kind as ScoreKind,
    oldValue: x.old_value,
    newValue: x.new_value,
    reason: x.reason,
    authorId: x.author_id,
    authorRole: x.author_role,
    at: new Date(x.at).toISOString(),
  };
}

/**
 * What an outside body sees of a member before the lock: only the entries of `criteria` (those it
 * scores), and no totals.
 */
export function outsideBodyView(full: MemberScoresView, criteria: ReadonlySet<string>): MemberScoresView {
  return {
    ...full,
    scope: 'OUTSIDE_BODY',
    entries: full.entries.filter((e) => criteria.has(e.criterion)),
    selfTotal: null,
    total: null,
  };
}
