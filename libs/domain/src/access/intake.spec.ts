import {
  mayDownload,
  mayListCampaign,
  mayListSubmissions,
  mayPrepare,
  mayRead,
  mayReview,
  maySeeFile,
} from './intake';
import { Grant } from './policy';

const scope = { unitId: 'u1', groupId: 'g1', year: 2023 };
const officer: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'u1' }];
const otherOfficer: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'u2' }];
const chair: Grant[] = [
  { role: 'UNIT_OFFICER', unitId: 'u9' },
  { role: 'CHAIR', unitId: 'u9', groupId: 'g1', year: 2023 },
];
const chairOtherYear: Grant[] = [{ role: 'CHAIR', unitId: 'u9', groupId: 'g1', year: 2024 }];
const vice: Grant[] = [{ role: 'VICE_CHAIR', unitId: 'u8', groupId: 'g1', year: 2023 }];
const council: Grant[] = [{ role: 'COUNCIL_MEMBER', groupId: 'g1' }];
const board: Grant[] = [{ role: 'BOARD' }];

describe('submission access', () => {
  it('lets only the unit’s officers (and the board) prepare', () => {
    expect(mayPrepare(officer, scope).allowed).toBe(true);
    expect(mayPrepare(board, scope).allowed).toBe(true);
    for (const g of [otherOfficer, chair, vice, council, []])
      expect(mayPrepare(g, scope).allowed).toBe(false);
  });

  it('shows drafts to the unit only; submitted ones to the chair, vice and council of that year', () => {
    expect(mayRead(officer, scope, false)).toEqual({ allowed: true, drafts: true });
    for (const g of [chair, vice, council, otherOfficer])
      expect(mayRead(g, scope, false).allowed).toBe(false);
    expect(mayRead(chair, scope, true)).toEqual({ allowed: true, drafts: false });
    expect(mayRead(vice, scope, true)).toEqual({ allowed: true, drafts: false });
    expect(mayRead(council, scope, true).allowed).toBe(true);
    expect(mayRead(chairOtherYear, scope, true).allowed).toBe(false);
    expect(mayRead(otherOfficer, scope, true).allowed).toBe(false);
    expect(mayRead(board, scope, false)).toEqual({ allowed: true, drafts: true });
  });

  it('lets the unit, the chair and vice (once submitted) and the board download; not the council', () => {
    expect(mayDownload(officer, scope, false)).toEqual({ allowed: true, drafts: true });
    expect(mayDownload(chair, scope, false).allowed).toBe(false);
    expect(mayDownload(chair, scope, true)).toEqual({ allowed: true, drafts: false });
    expect(mayDownload(vice, scope, true).allowed).toBe(true);
    expect(mayDownload(council, scope, true).allowed).toBe(false);
    expect(mayDownload(otherOfficer, scope, true).allowed).toBe(false);
    expect(mayDownload(board, scope, false).allowed).toBe(true);
  });

  it('lets the chair and vice of that year review; council members list but do not review', () => {
    expect(mayReview(chair, 'g1', 2023).allowed).toBe(true);
    expect(mayReview(vice, 'g1', 2023).allowed).toBe(true);
    expect(mayReview(chairOtherYear, 'g1', 2023).allowed).toBe(false);
    expect(mayReview(council, 'g1', 2023).allowed).toBe(false);
    expect(mayReview(officer, 'g1', 2023).allowed).toBe(false);
    expect(mayListCampaign(council, 'g1', 2023).allowed).toBe(true);
    expect(mayListCampaign(officer, 'g1', 2023).allowed).toBe(false);
    expect(mayListCampaign(board, 'g1', 2023).allowed).toBe(true);
  });

  it('lets a reader who does not see drafts reach only files of submitted versions', () => {
    expect(maySeeFile(true, false).allowed).toBe(true);
    expect(maySeeFile(false, true).allowed).toBe(true);
    expect(maySeeFile(false, false).allowed).toBe(false);
  });

  it('lists one unit for its officers (their own by default), anything for the board', () => {
    expect(mayListSubmissions(officer, undefined, 'u1')).toEqual({ allowed: true, unitId: 'u1' });
    expect(mayListSubmissions(officer, 'u1', 'u1')).toEqual({ allowed: true, unitId: 'u1' });
    expect(mayListSubmissions(officer, 'u2', 'u1').allowed).toBe(false);
    expect(mayListSubmissions(chair, undefined, null).allowed).toBe(false);
    expect(mayListSubmissions(board, undefined, null)).toEqual({ allowed: true, unitId: undefined });
    expect(mayListSubmissions(board, 'u2', null)).toEqual({ allowed: true, unitId: 'u2' });
  });
});
