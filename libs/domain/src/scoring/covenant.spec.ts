import {
  mayCommentOnCovenant,
  mayManageCovenant,
  mayManageScheme,
  mayReadCovenant,
  maySignCovenant,
} from '../access/scoring';
import type { Grant } from '../access/policy';
import { covenantOpen, covenantPublish, schemeCodes, unsignedMembers } from './covenant';
import { schemeEdit } from './states';

const officer = (unitId: string): Grant => ({ role: 'UNIT_OFFICER', unitId });
const leader = (role: 'CHAIR' | 'VICE_CHAIR', year: number): Grant => ({ role, groupId: 'g', year });
const board: Grant[] = [{ role: 'BOARD' }];

describe('the covenant’s rules', () => {
  it('a draft already commented on or signed is revised as a new version', () => {
    const draft = { state: 'DRAFT' as const, version: 2 };
    expect(schemeEdit(draft, false)).toEqual({ replace: draft });
    // The draft commented on or signed is kept, superseded by the new version (no longer the draft).
    expect(schemeEdit(draft, true)).toEqual({ newVersion: 3, supersede: draft });
  });

  it('comments and signatures go to a draft only', () => {
    expect(covenantOpen(undefined)).toEqual({ refused: 'SCHEME_NOT_FOUND' });
    expect(covenantOpen({ state: 'PUBLISHED', version: 1 })).toEqual({ refused: 'COVENANT_PUBLISHED' });
    expect(covenantOpen({ state: 'DRAFT', version: 1 })).toEqual({ open: { state: 'DRAFT', version: 1 } });
  });

  it('a comment names a section or a criterion of the scheme', () => {
    const codes = schemeCodes({
      sections: [
        {
          type: 'SECTION',
          code: 's',
          title: 'S',
          children: [
            {
              type: 'CRITERION',
              code: 'c',
              title: 'C',
              max: 1,
              method: { kind: 'MANUAL' },
              scoredBy: { kind: 'MEMBER' },
              evidenceRequired: false,
            },
          ],
        },
      ],
    });
    expect([...codes].sort()).toEqual(['c', 's']);
  });

  it('publishing: every signature, or the board saying so', () => {
    expect(unsignedMembers([{ unitId: 'a' }, { unitId: 'b' }], ['b'])).toEqual([{ unitId: 'a' }]);
    expect(covenantPublish(0, { withoutSignatures: false, board: false })).toEqual({
      withoutSignatures: false,
    });
    expect(covenantPublish(0, { withoutSignatures: true, board: false })).toEqual({
      withoutSignatures: false,
    });
    expect(covenantPublish(1, { withoutSignatures: false, board: true })).toEqual({
      refused: 'COVENANT_SIGNATURES_MISSING',
    });
    expect(covenantPublish(1, { withoutSignatures: true, board: false })).toEqual({
      refused: 'COVENANT_UNSIGNED_PUBLISH_BOARD_ONLY',
    });
    expect(covenantPublish(1, { withoutSignatures: true, board: true })).toEqual({ withoutSignatures: true });
  });
});

describe('who may do what with the covenant', () => {
  it('this year’s vice-chair drafts next year’s; next year’s leaders and the board too; a member does not', () => {
    expect(mayManageCovenant([officer('u'), leader('VICE_CHAIR', 2023)], 'g', 2024, false).allowed).toBe(
      true,
    );
    expect(mayManageCovenant([leader('CHAIR', 2024)], 'g', 2024, false).allowed).toBe(true);
    expect(mayManageCovenant(board, 'g', 2024, false).allowed).toBe(true);
    expect(mayManageCovenant([leader('VICE_CHAIR', 2022)], 'g', 2024, false)).toMatchObject({
      allowed: false,
      refusal: 'SCHEME_LEADERS_ONLY',
      params: { year: 2024, previous: 2023 },
    });
    expect(mayManageCovenant([officer('u')], 'g', 2024, false).allowed).toBe(false);
    // Locking the year stays the chair's of that year.
    expect(mayManageScheme([leader('VICE_CHAIR', 2023)], 'g', 2024).allowed).toBe(false);
  });

  it('once the scheme was published, the year before’s leaders no longer revise it; that year’s and the board do', () => {
    expect(mayManageCovenant([leader('VICE_CHAIR', 2023)], 'g', 2024, true)).toMatchObject({
      allowed: false,
      refusal: 'SCHEME_REVISION_LEADERS_ONLY',
      params: { year: 2024 },
    });
    expect(mayManageCovenant([leader('CHAIR', 2023)], 'g', 2024, true).allowed).toBe(false);
    expect(mayManageCovenant([leader('CHAIR', 2024)], 'g', 2024, true).allowed).toBe(true);
    expect(mayManageCovenant([leader('VICE_CHAIR', 2024)], 'g', 2024, true).allowed).toBe(true);
    expect(mayManageCovenant(board, 'g', 2024, true).allowed).toBe(true);
    // Nor record a signature on a unit's behalf; they still read it.
    expect(maySignCovenant([leader('VICE_CHAIR', 2023)], 'g', 2024, 'u', true)).toMatchObject({
      refusal: 'COVENANT_SIGNATURE_NOT_ALLOWED',
    });
    expect(maySignCovenant([leader('CHAIR', 2024)], 'g', 2024, 'u', true)).toEqual({
      onBehalf: true,
      role: 'CHAIR',
    });
    expect(mayReadCovenant([leader('VICE_CHAIR', 2023)], 'g', 2024, false).allowed).toBe(true);
  });

  it('members, leaders, council members and the board read the draft; a viewer does not', () => {
    expect(mayReadCovenant([officer('u')], 'g', 2024, true).allowed).toBe(true);
    expect(mayReadCovenant([{ role: 'COUNCIL_MEMBER', groupId: 'g' }], 'g', 2024, false).allowed).toBe(true);
    expect(mayReadCovenant([{ role: 'VIEWER' }], 'g', 2024, false)).toMatchObject({
      refusal: 'COVENANT_NOT_VISIBLE',
    });
  });

  it('a comment in the name of one’s own member unit; the board in its own name', () => {
    expect(mayCommentOnCovenant([officer('u')], 'u', true).allowed).toBe(true);
    expect(mayCommentOnCovenant([officer('u')], 'v', true)).toMatchObject({
      refusal: 'COVENANT_COMMENT_OTHER_UNIT',
    });
    expect(mayCommentOnCovenant([officer('x')], 'x', false)).toMatchObject({
      refusal: 'COVENANT_COMMENT_NOT_ALLOWED',
    });
    expect(mayCommentOnCovenant(board, null, false).allowed).toBe(true);
    expect(mayCommentOnCovenant([{ role: 'VIEWER' }], null, false)).toMatchObject({
      refusal: 'COVENANT_COMMENT_NOT_ALLOWED',
    });
  });

  it('a unit signs through its officer; a leader or the board on its behalf, recorded as such', () => {
    expect(maySignCovenant([officer('u')], 'g', 2024, 'u', false)).toEqual({
      onBehalf: false,
      role: 'UNIT_OFFICER',
    });
    expect(maySignCovenant([officer('l'), leader('VICE_CHAIR', 2023)], 'g', 2024, 'u', false)).toEqual({
      onBehalf: true,
      role: 'VICE_CHAIR',
    });
    expect(maySignCovenant(board, 'g', 2024, 'u', false)).toEqual({ onBehalf: true, role: 'BOARD' });
    expect(maySignCovenant([officer('v')], 'g', 2024, 'u', false)).toMatchObject({
      refusal: 'COVENANT_SIGNATURE_NOT_ALLOWED',
    });
  });
});
