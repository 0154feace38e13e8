import {
  awardFormOfHonour,
  awardFormProblem,
  DossierPartKind,
  DossierState,
  dossierTransition,
  matchGrants,
  missingParts,
} from './dossiers';

describe('proposal dossiers', () => {
  it('moves DRAFT → SUBMITTED → RETURNED → SUBMITTED → ACCEPTED → DECIDED, and nowhere else', () => {
    expect(dossierTransition(DossierState.DRAFT, 'SUBMIT')).toBe(DossierState.SUBMITTED);
    expect(dossierTransition(DossierState.SUBMITTED, 'RETURN')).toBe(DossierState.RETURNED);
    expect(dossierTransition(DossierState.RETURNED, 'SUBMIT')).toBe(DossierState.SUBMITTED);
    expect(dossierTransition(DossierState.SUBMITTED, 'ACCEPT')).toBe(DossierState.ACCEPTED);
    expect(dossierTransition(DossierState.ACCEPTED, 'DECIDE')).toBe(DossierState.DECIDED);
    expect(dossierTransition(DossierState.DRAFT, 'ACCEPT')).toBeNull();
    expect(dossierTransition(DossierState.RETURNED, 'ACCEPT')).toBeNull();
    expect(dossierTransition(DossierState.ACCEPTED, 'RETURN')).toBeNull();
    expect(dossierTransition(DossierState.DECIDED, 'SUBMIT')).toBeNull();
    expect(dossierTransition(DossierState.SUBMITTED, 'DECIDE')).toBeNull();
  });

  it('lists the missing parts in order', () => {
    expect(missingParts(new Set([DossierPartKind.RANKING]))).toEqual([
      DossierPartKind.PROPOSAL_LETTER,
      DossierPartKind.MINUTES,
      DossierPartKind.ACHIEVEMENT_REPORT,
    ]);
  });

  it('knows the award form of scoring’s honours and of catalogue codes', () => {
    expect(awardFormOfHonour('GOVERNMENT_FLAG')).toBe('CO-THI-DUA-CHINH-PHU');
    expect(awardFormOfHonour('PM_CERTIFICATE')).toBe('BK-THU-TUONG');
    expect(awardFormOfHonour('BK-THU-TUONG')).toBe('BK-THU-TUONG');
    expect(awardFormOfHonour('SOMETHING_ELSE')).toBeNull();
    expect(awardFormProblem('CO-THI-DUA-CHINH-PHU', '2024-04-15')).toBeNull();
    expect(awardFormProblem('KHONG-CO', '2024-04-15')).toBe('UNKNOWN');
  });
});

describe('matching a decision’s lines to the accepted dossiers', () => {
  const grantable = [
    { id: 'd1', memberUnitId: 'u1', awardForm: 'CO-THI-DUA-CHINH-PHU' },
    { id: 'd2', memberUnitId: 'u2', awardForm: 'BK-THU-TUONG' },
  ];

  it('takes stated dossiers, matches the others by unit and form, and names what is beyond', () => {
    const check = matchGrants(
      [
        { award: 'CO-THI-DUA-CHINH-PHU', recipientUnitId: 'u1', dossierId: 'd1' },
        { award: 'BK-THU-TUONG', recipientUnitId: 'u2', dossierId: null },
        { award: 'BK-THU-TUONG', recipientUnitId: 'u2', dossierId: null },
        { award: 'BK-THU-TUONG', recipientUnitId: 'u3', dossierId: null },
      ],
      grantable,
    );
    expect(check).toEqual({ dossierOf: ['d1', 'd2', null, null], invalid: [], beyond: [2, 3] });
  });

  it('refuses a dossier not grantable, of another unit or form, or answered twice', () => {
    const check = matchGrants(
      [
        { award: 'CO-THI-DUA-CHINH-PHU', recipientUnitId: 'u1', dossierId: 'zz' },
        { award: 'BK-THU-TUONG', recipientUnitId: 'u1', dossierId: 'd1' },
        { award: 'BK-THU-TUONG', recipientUnitId: 'u2', dossierId: 'd2' },
        { award: 'BK-THU-TUONG', recipientUnitId: 'u2', dossierId: 'd2' },
      ],
      grantable,
    );
    expect(check.invalid).toEqual([
      { line: 0, why: 'NOT_GRANTABLE' },
      { line: 1, why: 'MISMATCH' },
      { line: 3, why: 'TWICE' },
    ]);
  });
});
