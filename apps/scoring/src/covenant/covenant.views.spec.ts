import { DEFAULT_TIE_BREAKS, SEED_000_HONOURS } from '@tdkt/domain';
import { groupYear, SCHEME } from '../test-fixtures';
import type { SchemeRow } from '../schemes/schemes.repository';
import { commentView, signaturesView } from './covenant.views';

const scheme: SchemeRow = {
  id: 's1',
  group_id: 'g1',
  year: 2024,
  version: 2,
  state: 'DRAFT',
  body: SCHEME,
  tie_breaks: [...DEFAULT_TIE_BREAKS],
  honours: SEED_000_HONOURS,
  created_at: new Date('2024-01-15T03:00:00Z'),
  published_at: null,
};
const gy = groupYear({ year: 2024 });
const signed = (unitId: string, onBehalf = false) => ({
  unit_id: unitId,
  unit_name: `Đơn vị ${unitId.slice(1)}`,
  signed_by: 'user',
  on_behalf: onBehalf,
  role: onBehalf ? 'VICE_CHAIR' : 'UNIT_OFFICER',
  at: new Date('2024-02-28T03:00:00Z'),
});

describe('covenant views', () => {
  it('a draft: who signed (own officer or on the unit’s behalf) and the members still missing, in order', () => {
    const v = signaturesView(scheme, gy, [signed('u3'), signed('u1', true)], undefined);
    expect(v).toEqual({
      groupId: 'g1',
      year: 2024,
      version: 2,
      state: 'DRAFT',
      signed: [
        {
          unitId: 'u3',
          unitName: 'Đơn vị 3',
          by: 'user',
          onBehalf: false,
          role: 'UNIT_OFFICER',
          at: '2024-02-28T03:00:00.000Z',
        },
        {
          unitId: 'u1',
          unitName: 'Đơn vị 1',
          by: 'user',
          onBehalf: true,
          role: 'VICE_CHAIR',
          at: '2024-02-28T03:00:00.000Z',
        },
      ],
      missing: [
        { unitId: 'u2', unitName: 'Đơn vị 2' },
        { unitId: 'u4', unitName: 'Đơn vị 4' },
      ],
      publication: null,
    });
  });

  it('published: the members missing as recorded then, the board’s reason', () => {
    const v = signaturesView({ ...scheme, state: 'PUBLISHED' }, gy, [signed('u1')], {
      scheme_id: 's1',
      published_by: 'board',
      without_signatures: true,
      reason: 'Lý do',
      missing: [{ unitId: 'u2', unitName: 'Đơn vị 2' }],
      at: new Date('2024-03-01T01:00:00Z'),
    });
    expect(v.missing).toEqual([{ unitId: 'u2', unitName: 'Đơn vị 2' }]);
    expect(v.publication).toEqual({
      publishedAt: '2024-03-01T01:00:00.000Z',
      publishedBy: 'board',
      withoutSignatures: true,
      reason: 'Lý do',
    });
  });

  it('a comment keeps its version, author and unit', () => {
    expect(
      commentView({
        id: 'c1',
        group_id: 'g1',
        year: 2024,
        version: 1,
        criterion_code: 'a',
        text: 'Góp ý',
        author_id: 'user',
        unit_id: null,
        unit_name: null,
        at: new Date('2024-01-20T03:00:00Z'),
      }),
    ).toEqual({
      id: 'c1',
      groupId: 'g1',
      year: 2024,
      version: 1,
      criterionCode: 'a',
      text: 'Góp ý',
      authorId: 'user',
      unitId: null,
      unitName: null,
      at: '2024-01-20T03:00:00.000Z',
    });
  });
});
