import { NoticeKind, SubmissionKind } from '@tdkt/contracts';
import { recipientsRequest } from '../recipients/recipients.service';
import type { SingleAudience } from '../messages/notice';
import { Notices } from './notices';

const env = <P>(data: P) => ({ id: 'e-1', occurredAt: '2026-11-28T03:00:00Z', data });

describe('who each event concerns', () => {
  it('a receipt and a return go to the unit’s officers, keyed by the event id', () => {
    const receipt = Notices.submitted(
      env({
        submissionId: 's',
        version: 1,
        campaignId: 'c',
        groupId: 'g',
        year: 2026,
        unitId: 'u',
        kind: SubmissionKind.ANNUAL_REPORT,
        receiptNumber: '2026-1',
        submittedAt: '2026-11-28T03:00:00Z',
        submittedBy: 'x',
        late: false,
        files: [],
      }),
      { unitName: 'Sở Tài chính' },
    );
    expect(receipt).toMatchObject({
      sourceKey: 'e-1',
      kind: NoticeKind.SUBMISSION_RECEIPTED,
      audience: { unitOfficers: ['u'] },
    });
    expect(receipt.params.unitName).toBe('Sở Tài chính');
    const ret = Notices.returned(
      env({
        submissionId: 's',
        version: 1,
        campaignId: 'c',
        groupId: 'g',
        year: 2026,
        unitId: 'u',
        kind: SubmissionKind.EVIDENCE,
        reason: 'Thiếu',
        returnedBy: 'y',
        returnedAt: '2026-11-28T04:00:00Z',
      }),
      {},
    );
    expect(ret.params.reason).toBe('Thiếu');
    expect(recipientsRequest(ret.audience as SingleAudience)).toEqual({ unitIds: ['u'] });
  });

  it('results announced go to every member, the chair and vice; honours also to the board', () => {
    const locked = Notices.locked(
      env({ groupId: 'g', year: 2026, schemeVersion: 1, lockedBy: 'x', lockedAt: 'now', totals: [] }),
      {},
    );
    expect(recipientsRequest(locked.audience as SingleAudience)).toEqual({
      groupId: 'g',
      year: 2026,
      roles: ['MEMBERS', 'CHAIR', 'VICE_CHAIR'],
    });
    const honours = Notices.honours(
      env({ groupId: 'g', year: 2026, schemeVersion: 1, proposals: [], undecided: [] }),
      {},
    );
    expect(honours.map((n) => [n.sourceKey, recipientsRequest(n.audience as SingleAudience)])).toEqual([
      ['e-1', { groupId: 'g', year: 2026, roles: ['CHAIR', 'VICE_CHAIR'] }],
      ['e-1:board', { board: true }],
    ]);
  });
});
