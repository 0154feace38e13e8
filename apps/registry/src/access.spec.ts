import { ActorDto, Role } from '@tdkt/contracts';
import { mayManageCampaign, mayManageConference, mayReadConference } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { authorize } from './access';

const officer: ActorDto = {
  userId: '00000000-0000-4000-8000-000000000001',
  unitId: '00000000-0000-4000-8000-000000000002',
  roles: [{ role: Role.UNIT_OFFICER, unitId: '00000000-0000-4000-8000-000000000002' }],
};

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('not refused');
}

describe('authorize: a refusal names what its message says', () => {
  it.each([
    [
      'CAMPAIGN_CHANGE_REFUSED',
      () => authorize(officer, (g) => mayManageCampaign(g, 'g', 2024), { year: 2024 }),
    ],
    [
      'CONFERENCE_CHANGE_REFUSED',
      () => authorize(officer, (g) => mayManageConference(g, 'g', 2024), { year: 2024 }),
    ],
    [
      'CONFERENCE_READ_REFUSED',
      () => authorize(officer, (g) => mayReadConference(g, 'g', 2024, new Set()), { year: 2024 }),
    ],
  ])('%s: the year is in the message, no placeholder is left', (reason, run) => {
    const e = refusal(run);
    expect(e.body.reason).toBe(reason);
    expect(e.body.message).toContain('2024');
    expect(e.body.message).not.toMatch(/[{}]/);
  });
});
