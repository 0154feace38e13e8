import type { Grant } from './policy';

/** What a caller's grants say about a scope: shared by the access rules of each issue. */

export const isBoard = (grants: readonly Grant[]) => grants.some((g) => g.role === 'BOARD');

export const officerOf = (grants: readonly Grant[], unitId: string) =>
  grants.some((g) => g.role === 'UNIT_OFFICER' && g.unitId === unitId);

export const leaderOf = (grants: readonly Grant[], groupId: string, year: number) =>
  grants.some(
    (g) => (g.role === 'CHAIR' || g.role === 'VICE_CHAIR') && g.groupId === groupId && g.year === year,
  );

export const councilOf = (grants: readonly Grant[], groupId: string) =>
  grants.some((g) => g.role === 'COUNCIL_MEMBER' && g.groupId === groupId);
