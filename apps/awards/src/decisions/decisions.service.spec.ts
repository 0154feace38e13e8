import { DecisionRecorded, RecipientKindOfAward } from '@tdkt/contracts';
import { decisionRecords, nameUuid } from './decisions.service';

describe('award records of a decision', () => {
  const decision: DecisionRecorded = {
    decisionId: '7b0c9a52-2f7e-4c0a-9d55-5f3c0e0b1a11',
    number: '245/QĐ-TTg',
    signedOn: '2024-04-15',
    authority: 'Thủ tướng Chính phủ',
    signerName: 'Trần Lưu Quang',
    signerTitle: null,
    corrects: null,
    recordedBy: '0b6f6b1e-6c1f-4f57-9c43-3d2b9d2e8f10',
    awards: [
      {
        line: 1,
        award: 'CO-THI-DUA-CHINH-PHU',
        recipientKind: RecipientKindOfAward.COLLECTIVE,
        recipientUnitId: '5d1e4f0a-1c2b-4d3e-8f9a-0b1c2d3e4f5a',
        recipientName: 'Bình Định',
        dossierId: null,
      },
      {
        line: 2,
        award: 'BK-THU-TUONG',
        recipientKind: RecipientKindOfAward.INDIVIDUAL,
        recipientUnitId: '5d1e4f0a-1c2b-4d3e-8f9a-0b1c2d3e4f5a',
        recipientName: 'Nguyễn Văn Á',
        dossierId: null,
      },
    ],
  };

  it('derives one id per decision and line: the same again, never another', () => {
    const a = decisionRecords(decision);
    const b = decisionRecords({ ...decision });
    expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id));
    expect(new Set(a.map((r) => r.id)).size).toBe(2);
    for (const r of a)
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameUuid('x')).not.toBe(nameUuid('y'));
  });

  it('dates the records by the decision and folds the keys as the imports do', () => {
    expect(decisionRecords(decision)[1]).toMatchObject({
      line: 2,
      decisionDate: '2024-04-15',
      decisionKey: '245/qd-ttg',
      awardCode: 'BK-THU-TUONG',
      recipientKind: 'INDIVIDUAL',
      recipientKey: 'nguyen van a',
    });
  });
});
