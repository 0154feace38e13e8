import {
  ConferenceKind,
  ConferenceView,
  CovenantPublished,
  DecisionRecorded,
  DossierStepped,
  LeadershipConfirmed,
  NoticeKind,
} from '@tdkt/contracts';
import { awardByCode, awardFormOfHonour } from '@tdkt/domain';
import { createHash } from 'node:crypto';
import type { Notice, SingleAudience } from '../messages/notice';

type Env<P> = { id: string; occurredAt: string; data: P };

/** A group-year (the one a dossier was assembled in). */
export interface GroupYear {
  groupId: string;
  year: number;
}

/** Names the cycle's messages show, looked up in the registry (absent when it does not answer). */
export interface CycleNames {
  groupName?: string;
  unitName?: string;
  chairName?: string;
  viceChairName?: string;
  /** Unit id → name. */
  units?: Record<string, string>;
}

export const CONFERENCE_NAMES: Record<ConferenceKind, string> = {
  [ConferenceKind.PREPARATORY]: 'Hội nghị trù bị',
  [ConferenceKind.OFFICIAL]: 'Hội nghị tổng kết',
};

/** The Vietnamese name of an honour (scoring's rule name or a catalogue code); the code if unknown. */
export function awardName(code: string): string {
  const form = awardFormOfHonour(code) ?? code;
  return awardByCode(form)?.name ?? code;
}

const leaders = (g: GroupYear, roles: ('CHAIR' | 'VICE_CHAIR' | 'MEMBERS')[]): SingleAudience => ({
  groupYear: { groupId: g.groupId, year: g.year },
  roles,
});

/**
 * The key of a conference's invitation: the conference and what the invitation says (date, time,
 * place). Planning it again without changing those (a programme item added) sends nothing new (the
 * rows are unique per key and user); moving the date or the place sends a new notice.
 */
export function conferenceKey(c: ConferenceView): string {
  const what = createHash('sha256')
    .update(JSON.stringify([c.startsAt, c.endsAt, c.place ?? null]))
    .digest('hex')
    .slice(0, 16);
  return `conference:${c.id}:${what}`;
}

/**
 * Who each step of closing the year concerns (pure; issue 15):
 * - a conference dated → the members of that group-year, its chair and vice-chair, and the officers
 *   of the invitees' and the host's units (an invitation: date, time, place, programme);
 * - next year's leadership confirmed → the new chair's and vice-chair's officers, and the members
 *   of the year that confirmed it and of the year they lead;
 * - next year's covenant published → the members of that year, its chair and vice-chair (naming
 *   the units that did not sign when the board published without them);
 * - a dossier submitted → the central board; returned → the chair and vice-chair of its group-year,
 *   with the reason; accepted → the same and the honoured unit's officers;
 * - a decision recorded → the honoured units' officers and the chair and vice-chair of each
 *   group-year whose dossier it answers.
 */
export const CycleNotices = {
  /** Null while the conference is undated: an invitation needs a date. */
  conference: (e: Env<unknown>, c: ConferenceView, n: CycleNames): Notice | null => {
    if (!c.startsAt) return null;
    const units = [...new Set([c.hostUnit?.id, ...c.invitees.map((i) => i.unit?.id)].filter(Boolean))];
    return {
      sourceKey: conferenceKey(c),
      kind: NoticeKind.CONFERENCE_PLANNED,
      audience: {
        anyOf: [
          leaders(c, ['MEMBERS', 'CHAIR', 'VICE_CHAIR']),
          ...(units.length ? [{ unitOfficers: units as string[] }] : []),
        ],
      },
      occurredAt: e.occurredAt,
      params: {
        groupId: c.groupId,
        groupName: n.groupName,
        year: c.year,
        kind: c.kind,
        conferenceName: CONFERENCE_NAMES[c.kind],
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        place: c.place,
        hostUnitName: c.hostUnit?.name ?? null,
        chairs: c.chairs.map((x) => ({ role: x.role, unitName: x.unit.name })),
        programme: c.programme.map((p) => ({
          order: p.order,
          at: p.at,
          title: p.title,
          presenter: p.presenterUnit?.name ?? p.presenter ?? null,
        })),
        invitees: c.invitees.map((i) => (i.unit ? `${i.title} (${i.unit.name})` : i.title)),
      },
    };
  },

  leadershipConfirmed: (e: Env<LeadershipConfirmed>, n: CycleNames): Notice => {
    const d = e.data;
    const units = [d.chairUnitId, d.viceChairUnitId].filter((u): u is string => !!u);
    return {
      sourceKey: e.id,
      kind: NoticeKind.LEADERSHIP_CONFIRMED,
      audience: {
        anyOf: [
          { unitOfficers: units },
          leaders({ groupId: d.groupId, year: d.year - 1 }, ['MEMBERS', 'CHAIR', 'VICE_CHAIR']),
          leaders({ groupId: d.groupId, year: d.year }, ['MEMBERS']),
        ],
      },
      occurredAt: e.occurredAt,
      params: {
        groupId: d.groupId,
        groupName: n.groupName,
        year: d.year,
        chairName: n.chairName,
        viceChairName: n.viceChairName,
        decidedOn: d.decidedOn,
      },
    };
  },

  covenantPublished: (e: Env<CovenantPublished>): Notice => {
    const d = e.data;
    return {
      sourceKey: e.id,
      kind: NoticeKind.COVENANT_PUBLISHED,
      audience: leaders(d, ['MEMBERS', 'CHAIR', 'VICE_CHAIR']),
      occurredAt: d.publishedAt ?? e.occurredAt,
      params: {
        groupId: d.groupId,
        groupName: d.groupName,
        year: d.year,
        version: d.version,
        publishedAt: d.publishedAt,
        signed: (d.signatures ?? []).length,
        withoutSignatures: d.withoutSignatures,
        reason: d.reason,
        missing: (d.missing ?? []).map((m) => m.unitName),
      },
    };
  },

  dossier: (e: Env<DossierStepped>, kind: NoticeKind, n: CycleNames): Notice => {
    const d = e.data;
    const audience: Notice['audience'] =
      kind === NoticeKind.DOSSIER_SUBMITTED
        ? { board: true }
        : kind === NoticeKind.DOSSIER_RETURNED
          ? leaders(d, ['CHAIR', 'VICE_CHAIR'])
          : { anyOf: [leaders(d, ['CHAIR', 'VICE_CHAIR']), { unitOfficers: [d.memberUnitId] }] };
    return {
      sourceKey: e.id,
      kind,
      audience,
      occurredAt: d.at ?? e.occurredAt,
      params: {
        dossierId: d.dossierId,
        groupId: d.groupId,
        groupName: n.groupName,
        year: d.year,
        unitName: n.unitName,
        award: d.award,
        awardName: awardName(d.award),
        reason: d.reason,
        at: d.at,
      },
    };
  },

  /** `groupYears`: the group-years of the dossiers the decision answers (their chairs are told). */
  decision: (e: Env<DecisionRecorded>, groupYears: GroupYear[], n: CycleNames): Notice => {
    const d = e.data;
    const units = [...new Set(d.awards.map((a) => a.recipientUnitId))];
    const seen = new Set<string>();
    const chairs = groupYears.filter((g) => {
      const k = `${g.groupId}:${g.year}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    return {
      sourceKey: e.id,
      kind: NoticeKind.DECISION_RECORDED,
      audience: {
        anyOf: [{ unitOfficers: units }, ...chairs.map((g) => leaders(g, ['CHAIR', 'VICE_CHAIR']))],
      },
      occurredAt: e.occurredAt,
      params: {
        decisionId: d.decisionId,
        number: d.number,
        signedOn: d.signedOn,
        authority: d.authority,
        signerName: d.signerName,
        signerTitle: d.signerTitle,
        corrects: d.corrects,
        awards: d.awards.map((a) => ({
          line: a.line,
          awardName: awardName(a.award),
          recipientName: a.recipientName,
          unitName: n.units?.[a.recipientUnitId] ?? a.recipientName,
        })),
      },
    };
  },
};
