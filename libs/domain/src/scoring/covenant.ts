import type { Scheme, SchemeNode } from './scheme';
import { SchemeState, SchemeStateName } from './states';

/**
 * The covenant (giao ước thi đua) of a group-year is its points table (seed 000 §IV): the
 * vice-chair drafts next year's, the members comment on it criterion by criterion, the draft is
 * revised, every member signs it at the official conference, and publishing it records the
 * signatures. The rules here are pure; scoring applies them.
 */

/** Why a comment or a signature is refused by the scheme's state (each a reason of the catalogue). */
export type CovenantRefusal = 'SCHEME_NOT_FOUND' | 'COVENANT_PUBLISHED';

/** Comments and signatures go to the latest version while it is a draft. */
export function covenantOpen<T extends { state: SchemeStateName; version: number }>(
  latest: T | undefined,
): { open: T } | { refused: CovenantRefusal } {
  if (!latest) return { refused: 'SCHEME_NOT_FOUND' };
  return latest.state === SchemeState.DRAFT ? { open: latest } : { refused: 'COVENANT_PUBLISHED' };
}

/** The codes a comment may be about: every section and criterion of the scheme. */
export function schemeCodes(scheme: Scheme): Set<string> {
  const codes = new Set<string>();
  const visit = (n: SchemeNode): void => {
    codes.add(n.code);
    if (n.type === 'SECTION') n.children.forEach(visit);
  };
  scheme.sections.forEach(visit);
  return codes;
}

/** The members (in their order) that have not signed. */
export function unsignedMembers<M extends { unitId: string }>(
  members: readonly M[],
  signed: Iterable<string>,
): M[] {
  const done = new Set(signed);
  return members.filter((m) => !done.has(m.unitId));
}

export type CovenantPublishRefusal = 'COVENANT_SIGNATURES_MISSING' | 'COVENANT_UNSIGNED_PUBLISH_BOARD_ONLY';

/**
 * Whether the draft may be published with `missing` members unsigned: with every signature, yes;
 * without some, only the central board, saying so (`withoutSignatures`, the reason recorded).
 */
export function covenantPublish(
  missing: number,
  asked: { withoutSignatures: boolean; board: boolean },
): { withoutSignatures: boolean } | { refused: CovenantPublishRefusal } {
  if (missing === 0) return { withoutSignatures: false };
  if (!asked.withoutSignatures) return { refused: 'COVENANT_SIGNATURES_MISSING' };
  if (!asked.board) return { refused: 'COVENANT_UNSIGNED_PUBLISH_BOARD_ONLY' };
  return { withoutSignatures: true };
}
