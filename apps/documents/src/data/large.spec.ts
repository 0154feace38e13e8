import 'reflect-metadata';
import { DocumentType, MEMBERS_PAGE_MAX, MembersView, RenderDocumentRequest } from '@tdkt/contracts';
import { AppError, RegistryClient } from '@tdkt/platform';
import { DocumentsConfig } from '../config';
import { stageOf } from '../documents/documents.views';
import { tableRowsOf } from '../render/renderer';
import { AwardsClient, IntakeReceiptsClient, ScoringClient } from './clients';
import { DataGatherer } from './gather';

/** Large groups: the members read page by page, the cap refused from the first page. */
const group = {
  id: 'g-1',
  code: 'cum-lon',
  name: 'Cụm lớn',
  kind: 'CLUSTER',
  organiserKind: 'CENTRAL_COUNCIL',
  organiserUnitId: null,
  validFrom: null,
  validTo: null,
} as unknown as MembersView['group'];

function registryOf(total: number) {
  const calls: { offset?: number; limit?: number }[] = [];
  const registry = {
    groupGet: async () => group,
    memberList: async (r: { offset?: number; limit?: number }) => {
      calls.push({ offset: r.offset, limit: r.limit });
      const offset = r.offset ?? 0;
      const end = Math.min(offset + (r.limit ?? total), total);
      const members = Array.from({ length: Math.max(end - offset, 0) }, (_, i) => ({
        id: `m-${offset + i}`,
        groupId: group.id,
        unit: { id: `u-${offset + i}`, name: `Đơn vị ${offset + i}`, kind: 'PROVINCE' },
        subgroup: null,
        validFrom: '2023-01-01',
        validTo: null,
      }));
      return {
        group,
        from: '2023-01-01',
        to: '2023-12-31',
        members,
        total,
        nextOffset: end < total ? end : null,
      } as unknown as MembersView;
    },
  } as unknown as RegistryClient;
  return { registry, calls };
}

function gatherer(registry: RegistryClient, max = 20_000): DataGatherer {
  const config = Object.assign(new DocumentsConfig(), { DOCUMENT_MAX_MEMBERS: max });
  return new DataGatherer(
    registry,
    {} as ScoringClient,
    {} as AwardsClient,
    {} as IntakeReceiptsClient,
    config,
  );
}

const request = {
  type: DocumentType.RESULTS_TABLE,
  groupId: 'cum-lon',
  year: 2023,
  actor: { userId: '00000000-0000-4000-8000-000000000001', grants: [] },
} as unknown as RenderDocumentRequest;

describe('documents: large groups', () => {
  it('reads a group of 2,500 members in pages of MEMBERS_PAGE_MAX, every member once, in order', async () => {
    const { registry, calls } = registryOf(2500);
    const s = await gatherer(registry).resolve(request);
    expect(calls).toEqual([
      { offset: 0, limit: MEMBERS_PAGE_MAX },
      { offset: 1000, limit: MEMBERS_PAGE_MAX },
      { offset: 2000, limit: MEMBERS_PAGE_MAX },
    ]);
    expect(s.members?.members).toHaveLength(2500);
    expect(s.scope).toMatchObject({ kind: 'group', groupId: 'g-1', year: 2023 });
    const ids = (s.scope as { memberUnitIds: string[] }).memberUnitIds;
    expect(ids[0]).toBe('u-0');
    expect(ids[2499]).toBe('u-2499');
    expect(new Set(ids).size).toBe(2500);
  });

  it('more members than DOCUMENT_MAX_MEMBERS: refused from the first page, naming the group (413)', async () => {
    const { registry, calls } = registryOf(30_000);
    const e = await gatherer(registry, 20_000)
      .resolve(request)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      reason: 'DOCUMENT_TOO_LARGE',
    });
    expect(JSON.stringify((e as AppError).body)).toContain('groupId');
    expect(calls).toHaveLength(1);
  });

  it('counts the table rows a document prints (the render bound grows with them)', () => {
    expect(
      tableRowsOf({
        group: { members: [1, 2, 3] },
        scores: [1, 2, 3],
        rankings: [{ rows: [1, 2] }, { rows: [3] }],
      }),
    ).toBe(9);
    expect(tableRowsOf({ receiptNumber: 'x' })).toBe(0);
  });

  it("names a render job's stage from its state and progress", () => {
    expect(stageOf('QUEUED', 0)).toBe('QUEUED');
    expect(stageOf('RUNNING', 0)).toBe('RENDERING');
    expect(stageOf('RUNNING', 1)).toBe('STORING');
    expect(stageOf('RUNNING', 2)).toBe('RECORDING');
    expect(stageOf('DONE', 3)).toBe('DONE');
    expect(stageOf('FAILED', 1)).toBe('FAILED');
  });
});
