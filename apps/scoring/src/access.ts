import { ActorDto, Role } from '@tdkt/contracts';
import {
  Author,
  CovenantSigner,
  CriterionNode,
  entryAuthorRole,
  EntryKind,
  Grant,
  mayEnterCriterion,
  mayEnterScores,
  mayLock,
  mayCommentOnCovenant,
  mayManageCovenant,
  mayManageScheme,
  mayReadCovenant,
  maySignCovenant,
  mayProposeHonours,
  mayRankYear,
  mayReadGroupYear,
  mayReadResults,
  mayReadScores,
  mayReadTrail,
  mayReopen,
  bodiesSpokenFor,
  scoresScope,
  ScoringDecision,
  ScoringRefused,
} from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import type { GroupYear } from './registry/group-directory';

/**
 * Scoring's one entry point for who may do what: every feature asks here, before it reads anything
 * of the year that the answer could reveal. The rules are libs/domain access/scoring.ts; a refusal
 * is its catalogue reason (errors/scoring.ts), a 403 with the rule in Vietnamese.
 */

export type Actor = Pick<ActorDto, 'userId' | 'unitId' | 'roles'>;

const grantsOf = (actor: Actor): Grant[] => actor.roles as Grant[];

/** Whether the caller's unit is a member of the group that year (members see more once locked). */
const isMember = (actor: Actor, gy: GroupYear): boolean =>
  !!actor.unitId && gy.members.some((m) => m.unitId === actor.unitId);

/** The single place a refusal becomes an error: its catalogue reason. */
function refused(d: ScoringRefused): AppError {
  return AppError.of(d.refusal, d.params);
}

function authorize(d: ScoringDecision): void {
  if (!d.allowed) throw refused(d);
}

export const Access = {
  /** Write, publish or discard the points table. */
  manageScheme(actor: Actor, gy: GroupYear): void {
    authorize(mayManageScheme(grantsOf(actor), gy.groupId, gy.year));
  },
  /** Whether drafts are shown to the caller (never a refusal: a non-manager sees published versions). */
  managesScheme(actor: Actor, gy: GroupYear): boolean {
    return mayManageScheme(grantsOf(actor), gy.groupId, gy.year).allowed;
  },
  /**
   * Draft, revise, discard and publish the covenant (the scheme) of the year: its leaders, the
   * board, and the leaders of the year before until it is first published (`everPublished`).
   */
  manageCovenant(actor: Actor, gy: GroupYear, everPublished: boolean): void {
    authorize(mayManageCovenant(grantsOf(actor), gy.groupId, gy.year, everPublished));
  },
  /** The draft, its comments and signatures: as `manageCovenant`, the members of the year, council members. */
  readCovenant(actor: Actor, gy: GroupYear): void {
    authorize(mayReadCovenant(grantsOf(actor), gy.groupId, gy.year, isMember(actor, gy)));
  },
  /** Whether drafts are shown to the caller (never a refusal: anyone else sees published versions). */
  readsCovenant(actor: Actor, gy: GroupYear): boolean {
    return mayReadCovenant(grantsOf(actor), gy.groupId, gy.year, isMember(actor, gy)).allowed;
  },
  /** A comment in the name of `unitId` (null: the board's own). */
  commentOnCovenant(actor: Actor, gy: GroupYear, unitId: string | null): void {
    const member = unitId !== null && gy.members.some((m) => m.unitId === unitId);
    authorize(mayCommentOnCovenant(grantsOf(actor), unitId, member));
  },
  /** In which capacity the caller signs for `unitId` (403 when it may not). */
  signCovenant(actor: Actor, gy: GroupYear, unitId: string, everPublished: boolean): CovenantSigner {
    const d = maySignCovenant(grantsOf(actor), gy.groupId, gy.year, unitId, everPublished);
    if ('refusal' in d) throw refused(d);
    return d;
  },
  /** The central board (publishes without every signature). */
  isBoard(actor: Actor): boolean {
    return grantsOf(actor).some((g) => g.role === Role.BOARD);
  },
  lock(actor: Actor, gy: GroupYear): void {
    authorize(mayLock(grantsOf(actor), gy.groupId, gy.year));
  },
  proposeHonours(actor: Actor, gy: GroupYear): void {
    authorize(mayProposeHonours(grantsOf(actor), gy.groupId, gy.year));
  },
  reopen(actor: Actor): void {
    authorize(mayReopen(grantsOf(actor)));
  },
  rankYear(actor: Actor): void {
    authorize(mayRankYear(grantsOf(actor)));
  },
  /** Whether the caller could enter any of this member's scores (before the year's state is read). */
  enterScores(actor: Actor, gy: GroupYear, memberId: string): void {
    authorize(mayEnterScores(grantsOf(actor), { memberId, groupId: gy.groupId, year: gy.year }));
  },
  /** In which capacity the caller enters this criterion of the member (403 when it may not). */
  entry(
    actor: Actor,
    gy: GroupYear,
    memberId: string,
    c: CriterionNode,
  ): { kind: EntryKind; author: Author } {
    const d = mayEnterCriterion(grantsOf(actor), { memberId, groupId: gy.groupId, year: gy.year }, c);
    if ('refusal' in d) throw refused(d);
    return d;
  },
  /** The role an entry of this kind is recorded under in the trail. */
  authorRole(actor: Actor, gy: GroupYear, kind: EntryKind): string {
    return entryAuthorRole(grantsOf(actor), gy.groupId, gy.year, kind);
  },
  /** One member's scores (the other members' only once `locked`). */
  readScores(actor: Actor, gy: GroupYear, memberId: string, locked: boolean): void {
    authorize(
      mayReadScores(
        grantsOf(actor),
        { memberId, groupId: gy.groupId, year: gy.year },
        locked,
        isMember(actor, gy),
      ),
    );
  },
  /**
   * How much of one member's scores the caller reads (`scoresScope` in the domain): all, or for an
   * outside body before the lock only the criteria it scores. `schemeBodies` (the outside bodies
   * the published scheme names) is read only for a unit officer the general rule refuses, and a
   * failure to read it answers that refusal (nothing about the year is revealed).
   */
  async scoresScope(
    actor: Actor,
    gy: GroupYear,
    memberId: string,
    locked: boolean,
    schemeBodies: () => Promise<Iterable<string>>,
  ): Promise<{ scope: 'ALL' } | { scope: 'OUTSIDE_BODY'; bodies: readonly string[] }> {
    const grants = grantsOf(actor);
    const s = { memberId, groupId: gy.groupId, year: gy.year };
    const member = isMember(actor, gy);
    const first = scoresScope(grants, s, locked, member, []);
    if (!('refusal' in first)) return first;
    if (!grants.some((g) => g.role === Role.UNIT_OFFICER)) throw refused(first);
    let named: Iterable<string>;
    try {
      named = await schemeBodies();
    } catch {
      throw refused(first);
    }
    const d = scoresScope(grants, s, locked, member, bodiesSpokenFor(grants, named));
    if ('refusal' in d) throw refused(d);
    return d;
  },
  /** A member's trail and sheets (`memberId` null: the whole year's, for its leaders). */
  readTrail(actor: Actor, gy: GroupYear, memberId: string | null): void {
    authorize(mayReadTrail(grantsOf(actor), { memberId, groupId: gy.groupId, year: gy.year }));
  },
  readGroupYear(actor: Actor, gy: GroupYear): void {
    authorize(mayReadGroupYear(grantsOf(actor), gy.groupId, gy.year, isMember(actor, gy)));
  },
  /** The ranking and honours (members only once `locked`). */
  readResults(actor: Actor, gy: GroupYear, locked: boolean): void {
    authorize(mayReadResults(grantsOf(actor), gy.groupId, gy.year, locked, isMember(actor, gy)));
  },
  /** The officer who sent a member's self-score sheet through intake, acting for that unit. */
  officerOf(userId: string, unitId: string): Actor {
    return { userId, unitId, roles: [{ role: Role.UNIT_OFFICER, unitId }] };
  },
};
