import { Injectable } from '@nestjs/common';
import {
  ChosenBy,
  ConferenceKind,
  ConferencesRequest,
  LeadershipRole,
  LeadershipView,
  NominationMethod,
  NominationsRequest,
  NominationsView,
  NomineeDto,
  RegistryEvents,
} from '@tdkt/contracts';
import { nominationIssue } from '@tdkt/domain';
import { addToOutbox, AppError, makeEnvelope } from '@tdkt/platform';
import { EntityManager } from 'typeorm';
import { UnitRefRow } from '../conferences/conferences.repository';
import { ConferencesRepository } from '../conferences/conferences.repository';
import { ConferencesService } from '../conferences/conferences.service';
import { conferenceDays } from '../conferences/conferences.views';
import { SCHEMA } from '../database/entities';
import { GroupRow } from '../groups/groups.repository';
import { LeadershipRepository } from '../leadership/leadership.repository';
import { leadershipChanged, toLeadershipView } from '../leadership/leadership.views';
import { NominationRow, NominationsRepository, StoredCandidate } from './nominations.repository';
import { candidateIds, toNominationsView } from './nominations.views';

/** A nominee checked: its unit and candidates resolved to ids. */
interface Checked {
  role: LeadershipRole;
  unitId: string;
  method: NominationMethod;
  candidates: StoredCandidate[];
}

/**
 * Next year's chair and vice-chair (seed 000: "Đề cử đơn vị Cụm trưởng, Cụm phó năm 2024" at the
 * preparatory conference, "Giới thiệu Cụm trưởng, Cụm phó năm 2024" at the official one). Nominated
 * by rotation or election with the candidates (and their votes when there was a vote); confirmed at
 * the official conference into the leadership of year + 1, effective 1 January, decided on the
 * conference's date. The new chair's officers then sign in with CHAIR of year + 1: no user
 * administration.
 */
@Injectable()
export class NominationsService {
  constructor(
    private readonly repo: NominationsRepository,
    private readonly conferences: ConferencesService,
    private readonly conferencesRepo: ConferencesRepository,
    private readonly leadership: LeadershipRepository,
  ) {}

  private async view(group: GroupRow, year: number, m?: EntityManager): Promise<NominationsView> {
    const rows = await this.repo.ofGroupYear(group.id, year, m);
    return this.toView(group, year, rows, m);
  }

  private async toView(
    group: GroupRow,
    year: number,
    rows: NominationRow[],
    m?: EntityManager,
  ): Promise<NominationsView> {
    const units = new Map(
      (await this.conferencesRepo.unitsByRef(candidateIds(rows), m)).map((u) => [u.id, u]),
    );
    return toNominationsView(group.id, year, rows, units);
  }

  async get(r: ConferencesRequest): Promise<NominationsView> {
    const group = await this.conferences.readable(r);
    return this.view(group, r.year);
  }

  /** One nominee checked against next year's members (400 naming the field otherwise). */
  private check(
    dto: NomineeDto,
    role: LeadershipRole,
    field: string,
    units: ReadonlyMap<string, UnitRefRow>,
    members: ReadonlySet<string>,
    forYear: number,
  ): Checked {
    const member = (ref: string, at: string): UnitRefRow => {
      const u = units.get(ref) ?? units.get(ref.toLowerCase());
      if (!u) throw AppError.of('CONFERENCE_UNIT_NOT_FOUND', { id: ref }, at);
      if (!members.has(u.id)) throw AppError.of('NOMINATION_NOT_MEMBER', { unit: u.name, year: forYear }, at);
      return u;
    };
    const nominee = member(dto.unitId, `${field}.unitId`);
    const candidates = (dto.candidates ?? []).map((c, i) => ({
      unit: member(c.unitId, `${field}.candidates[${i}].unitId`),
      votes: c.votes ?? null,
    }));
    const issue = nominationIssue(
      dto.method,
      nominee.id,
      candidates.map((c) => ({ unitId: c.unit.id, votes: c.votes })),
    );
    switch (issue?.issue) {
      case undefined:
        break;
      case 'CANDIDATES_REQUIRED':
        throw AppError.of('NOMINATION_CANDIDATES_REQUIRED', {}, `${field}.candidates`);
      case 'CANDIDATE_TWICE':
        throw AppError.of(
          'NOMINATION_CANDIDATE_TWICE',
          { unit: candidates[issue.index].unit.name },
          `${field}.candidates[${issue.index}].unitId`,
        );
      case 'NOT_A_CANDIDATE':
        throw AppError.of('NOMINATION_NOT_A_CANDIDATE', { unit: nominee.name }, `${field}.unitId`);
      case 'NOT_MOST_VOTED':
        throw AppError.of(
          'NOMINATION_NOT_MOST_VOTED',
          {
            unit: nominee.name,
            votes: issue.votes,
            leader: candidates[issue.leaderIndex].unit.name,
            most: issue.most,
          },
          `${field}.unitId`,
        );
    }
    return {
      role,
      unitId: nominee.id,
      method: dto.method,
      candidates: candidates.map((c) => ({ unitId: c.unit.id, votes: c.votes })),
    };
  }

  /** Records the preparatory conference's nominations (both, in one transaction). */
  async put(r: NominationsRequest): Promise<NominationsView> {
    const group = await this.conferences.manageable(r);
    const forYear = r.year + 1;
    const b = r.body;
    const refs = [b.chair, b.viceChair].flatMap((n) => [
      n.unitId,
      ...(n.candidates ?? []).map((c) => c.unitId),
    ]);
    const found = await this.conferencesRepo.unitsByRef([...new Set(refs)]);
    const units = new Map<string, UnitRefRow>();
    for (const u of found) {
      units.set(u.id, u);
      units.set(u.code, u);
    }
    const members = await this.conferencesRepo.memberIds(group.id, forYear);
    const chair = this.check(b.chair, LeadershipRole.CHAIR, 'chair', units, members, forYear);
    const vice = this.check(b.viceChair, LeadershipRole.VICE_CHAIR, 'viceChair', units, members, forYear);
    if (chair.unitId === vice.unitId) throw AppError.of('NOMINATION_SAME_UNIT', {}, 'viceChair.unitId');
    return this.repo.transaction(async (m) => {
      await this.repo.lock(m, group.id);
      const prep = await this.conferencesRepo.find(group.id, r.year, ConferenceKind.PREPARATORY, m);
      if (!prep) throw AppError.of('NOMINATION_NO_PREPARATORY_CONFERENCE', { year: r.year, forYear });
      const stored = await this.repo.ofGroupYear(group.id, r.year, m);
      const confirmed = stored.find((x) => x.confirmed_on);
      if (confirmed)
        throw AppError.of('NOMINATIONS_CONFIRMED', {
          forYear,
          confirmedOn: confirmed.confirmed_on as string,
        });
      // The same nominations again: the same answer, nothing rewritten, no event again.
      const same = (n: Checked) =>
        stored.some(
          (x) =>
            x.role === n.role &&
            x.unit_id === n.unitId &&
            x.method === n.method &&
            JSON.stringify(x.candidates.map((c) => [c.unitId, c.votes])) ===
              JSON.stringify(n.candidates.map((c) => [c.unitId, c.votes])),
        );
      if (same(chair) && same(vice)) return this.toView(group, r.year, stored, m);
      for (const n of [chair, vice])
        await this.repo.put(m, { groupId: group.id, year: r.year, ...n, by: r.actor.userId });
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.nominationsRecorded, {
          groupId: group.id,
          year: r.year,
          forYear,
          chairUnitId: chair.unitId,
          viceChairUnitId: vice.unitId,
        }),
      ]);
      return this.view(group, r.year, m);
    });
  }

  /**
   * The official conference confirms the nominations: year + 1's chair and vice-chair are written
   * into the leadership history (chosen by the nomination's method, decided on the conference's
   * date). Confirming again, with nothing changed, answers the same and writes nothing.
   */
  async confirm(r: ConferencesRequest): Promise<LeadershipView> {
    const group = await this.conferences.manageable(r);
    const forYear = r.year + 1;
    return this.repo.transaction(async (m) => {
      await this.repo.lock(m, group.id);
      const rows = await this.repo.ofGroupYear(group.id, r.year, m);
      const chair = rows.find((x) => x.role === LeadershipRole.CHAIR);
      if (!chair) throw AppError.of('NOMINATIONS_NOT_FOUND', { forYear });
      const official = await this.conferencesRepo.find(group.id, r.year, ConferenceKind.OFFICIAL, m);
      const decidedOn = official ? conferenceDays(official.starts_at, official.ends_at).date : null;
      if (!decidedOn) throw AppError.of('NOMINATION_OFFICIAL_UNDATED', { year: r.year, forYear });
      // Confirmed already, as it stands: the same answer, nothing written, no event again.
      const leaders = await this.leadership.leaders(group.id, forYear, m);
      const standing = rows.every(
        (n) =>
          n.confirmed_on === decidedOn &&
          leaders.some((l) => l.role === n.role && l.id === n.unit_id && l.decided_on === decidedOn),
      );
      if (standing) return toLeadershipView(group.id, forYear, leaders);
      for (const n of rows)
        await this.leadership.put(m, group.id, forYear, n.role, {
          unitId: n.unit_id,
          chosenBy: n.method === NominationMethod.ELECTION ? ChosenBy.ELECTION : ChosenBy.ROTATION,
          decidedOn,
        });
      await this.repo.confirm(m, group.id, r.year, decidedOn);
      const view = toLeadershipView(group.id, forYear, await this.leadership.leaders(group.id, forYear, m));
      await addToOutbox(m, SCHEMA, [
        makeEnvelope(RegistryEvents.leadershipChanged, leadershipChanged(view)),
        makeEnvelope(RegistryEvents.leadershipConfirmed, {
          groupId: group.id,
          year: forYear,
          chairUnitId: chair.unit_id,
          viceChairUnitId: rows.find((x) => x.role === LeadershipRole.VICE_CHAIR)?.unit_id ?? null,
          decidedOn,
        }),
      ]);
      return view;
    });
  }
}
