import { mayFollowRenderJob, mayReadGroupDocuments, mayReadReceiptDocument } from './documents';
import type { Grant } from './policy';

const G = 'g1';
const group = { groupId: G, year: 2023, memberUnitIds: ['u1', 'u2'] };

describe('documents access', () => {
  it("a group-year's papers: board, chair/vice that year, council, members' officers", () => {
    const yes: Grant[][] = [
      [{ role: 'BOARD' }],
      [{ role: 'CHAIR', groupId: G, year: 2023 }],
      [{ role: 'VICE_CHAIR', groupId: G, year: 2023 }],
      [{ role: 'COUNCIL_MEMBER', groupId: G }],
      [{ role: 'UNIT_OFFICER', unitId: 'u2' }],
    ];
    for (const g of yes) expect(mayReadGroupDocuments(g, group)).toEqual({ allowed: true });
    const no: Grant[][] = [
      [{ role: 'CHAIR', groupId: G, year: 2024 }],
      [{ role: 'UNIT_OFFICER', unitId: 'u9' }],
      [{ role: 'VIEWER' }],
      [],
    ];
    for (const g of no)
      expect(mayReadGroupDocuments(g, group)).toMatchObject({
        allowed: false,
        refusal: 'DOCUMENT_GROUP_REFUSED',
      });
  });

  it("a receipt: the unit's officers, the group's chair that year, the board; not the vice-chair", () => {
    const s = { unitId: 'u1', groupId: G, year: 2023 };
    expect(mayReadReceiptDocument([{ role: 'UNIT_OFFICER', unitId: 'u1' }], s).allowed).toBe(true);
    expect(mayReadReceiptDocument([{ role: 'CHAIR', groupId: G, year: 2023 }], s).allowed).toBe(true);
    expect(mayReadReceiptDocument([{ role: 'BOARD' }], s).allowed).toBe(true);
    expect(mayReadReceiptDocument([{ role: 'VICE_CHAIR', groupId: G, year: 2023 }], s)).toMatchObject({
      allowed: false,
      refusal: 'DOCUMENT_RECEIPT_REFUSED',
    });
    expect(mayReadReceiptDocument([{ role: 'UNIT_OFFICER', unitId: 'u2' }], s).allowed).toBe(false);
  });

  it('a render job: whoever asked, or the board', () => {
    expect(mayFollowRenderJob([], 'me', { createdBy: 'me' }).allowed).toBe(true);
    expect(mayFollowRenderJob([{ role: 'BOARD' }], 'x', { createdBy: 'me' }).allowed).toBe(true);
    expect(
      mayFollowRenderJob([{ role: 'UNIT_OFFICER', unitId: 'u1' }], 'x', { createdBy: 'me' }).allowed,
    ).toBe(false);
    expect(mayFollowRenderJob([], 'x', { createdBy: null }).allowed).toBe(false);
  });
});
