/**
 * One voice and one page (issue 16), through the gateway: every refusal a user reads is Vietnamese
 * from the message catalogue, a validation error names its field and the rule that failed (a field
 * left out says it is required), and a list answers `{ items, total, limit, offset }` with `limit`,
 * `offset` and `sort` in the query — here a group's members (seed 000: TN&DHMT's ten in 2023).
 */
import { errorMessage, isVietnamese } from '@tdkt/contracts';
import { client, ok, refused, type Schema } from './support/api';
import { http, login, startTestSystem, TestSystem } from './support/system';

jest.setTimeout(60_000);

const TN = 'cum-tn-dhmt';
const COLLATOR = new Intl.Collator('vi');
/** What the registry orders names by: folded (no diacritics, đ → d, lower case). */
const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

type Member = Schema<'MembershipResponse'>;

describe('one Vietnamese voice and one page shape', () => {
  let sys: TestSystem;
  let board: string;

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['awards'] });
    board = await login(sys, 'board');
  });
  afterAll(async () => sys?.stop());

  describe('validation messages', () => {
    it('an empty body names every required field as required, in Vietnamese, with the rule', async () => {
      const r = await http(sys, 'POST', '/api/v1/submissions', { token: board, body: {} });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'VALIDATION_FAILED', kind: 'VALIDATION_FAILED' });
      expect(r.body.title).toBe('Dữ liệu không hợp lệ');
      expect(r.body.errors).toEqual([
        { field: 'groupId', rule: 'isDefined', message: 'bắt buộc' },
        { field: 'year', rule: 'isDefined', message: 'bắt buộc' },
        { field: 'kind', rule: 'isDefined', message: 'bắt buộc' },
      ]);
      expect(r.body.detail).toBe('groupId: bắt buộc; year: bắt buộc; kind: bắt buộc');
    });

    it('a value given wrongly names the rule that failed: its type first, then its size or its values', async () => {
      const r = await http(sys, 'POST', '/api/v1/submissions', {
        token: board,
        body: { groupId: 7, year: 1800, kind: 'BAO_CAO', extra: true },
      });
      expect(r.status).toBe(400);
      const byField = Object.fromEntries(
        (r.body.errors as { field: string; rule: string; message: string }[]).map((e) => [e.field, e]),
      );
      expect(byField.groupId).toEqual({ field: 'groupId', rule: 'isString', message: 'phải là chuỗi ký tự' });
      expect(byField.year).toEqual({ field: 'year', rule: 'min', message: 'phải lớn hơn hoặc bằng 1900' });
      expect(byField.kind.rule).toBe('isEnum');
      expect(byField.kind.message).toMatch(/^phải là một trong các giá trị: .*SELF_SCORE/);
      expect(byField.extra).toEqual({
        field: 'extra',
        rule: 'whitelistValidation',
        message: 'trường này không được phép trong yêu cầu',
      });
      for (const e of r.body.errors) expect(e.message).toBe(e.message.normalize('NFC'));
    });

    it('the gateway’s own refusals are Vietnamese too: no token, an unknown route, a body that is not JSON', async () => {
      const anonymous = await http(sys, 'GET', '/api/v1/units');
      expect([anonymous.status, anonymous.body.code, anonymous.body.kind]).toEqual([
        401,
        'TOKEN_MISSING',
        'UNAUTHENTICATED',
      ]);
      expect(anonymous.body.detail).toBe(errorMessage('TOKEN_MISSING'));
      const nowhere = await http(sys, 'GET', '/api/v1/khong-co', { token: board });
      expect([nowhere.status, nowhere.body.detail]).toEqual([
        404,
        'Không có địa chỉ GET /api/v1/khong-co trong API',
      ]);
      const garbage = await http(sys, 'POST', '/api/v1/units', { token: board, raw: '{"code": ' });
      expect([garbage.status, garbage.body.errors]).toEqual([
        400,
        [{ field: 'body', rule: 'BODY_NOT_JSON', message: errorMessage('BODY_NOT_JSON') }],
      ]);
      const officer = await login(sys, 'kontum');
      const refusedUnit = await http(sys, 'POST', '/api/v1/units', {
        token: officer,
        body: { code: 'khong-duoc', name: 'Không được', kind: 'OTHER' },
      });
      expect([refusedUnit.status, refusedUnit.body.code]).toEqual([403, 'ACCESS_BOARD_ONLY']);
      for (const p of [anonymous, nowhere, garbage, refusedUnit]) {
        expect(isVietnamese(p.body.title)).toBe(true);
        expect(isVietnamese(p.body.detail)).toBe(true);
      }
    });
  });

  it('the small lists answer the same page: a group’s subgroups and campaigns, a campaign’s submissions, the award catalogue', async () => {
    const api = client(sys, board);
    const subgroups = await ok(
      api.GET('/api/v1/groups/{groupId}/subgroups', {
        params: { path: { groupId: TN }, query: { limit: 1 } },
      }),
    );
    expect(subgroups).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(subgroups.items).toHaveLength(1);
    const second = await ok(
      api.GET('/api/v1/groups/{groupId}/subgroups', {
        params: { path: { groupId: TN }, query: { limit: 1, offset: 1 } },
      }),
    );
    expect(second.items[0].code).not.toBe(subgroups.items[0].code);
    const campaigns = await ok(
      api.GET('/api/v1/groups/{groupId}/campaigns', { params: { path: { groupId: TN } } }),
    );
    expect(campaigns).toMatchObject({ limit: 50, offset: 0 });
    expect(campaigns.total).toBe(campaigns.items.length);
    const catalogue = await ok(api.GET('/api/v1/awards/catalogue'));
    expect(catalogue.limit).toBe(50);
    expect(catalogue.items.length).toBe(Math.min(50, catalogue.total));
    // A campaign's submissions member by member: the counts are the whole campaign's, the members a page.
    const submissions = await ok(
      api.GET('/api/v1/groups/{groupId}/years/{year}/submissions', {
        params: { path: { groupId: TN, year: 2023 }, query: { limit: 3, offset: 9 } },
      }),
    );
    expect(submissions).toMatchObject({ total: 10, limit: 3, offset: 9, year: 2023 });
    expect(submissions.items).toHaveLength(1);
    expect(submissions.counts.members).toBe(10);
    const impossible = await http(sys, 'GET', '/api/v1/awards/catalogue?on=2023-02-30&limit=5', {
      token: board,
    });
    expect([impossible.status, impossible.body.errors]).toEqual([
      400,
      [
        {
          field: 'on',
          rule: 'isCalendarDate',
          message: 'phải là một ngày có thật dạng YYYY-MM-DD (năm 1900–2100)',
        },
      ],
    ]);
    const whole = await ok(api.GET('/api/v1/awards/catalogue', { params: { query: { limit: 500 } } }));
    expect(whole.items.map((a) => a.code).slice(0, 50)).toEqual(catalogue.items.map((a) => a.code));
  });

  describe('a group’s members, one page at a time', () => {
    const page = (query: { limit?: number; offset?: number; sort?: 'subgroup' | 'name' | '-name' }) =>
      ok(
        client(sys, board).GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId: TN }, query: { year: 2023, ...query } },
        }),
      );
    const names = (items: Member[]) => items.map((m) => m.unit.name);

    it('answers { items, total, limit, offset } with the group and the period; 50 by default', async () => {
      const all = await page({});
      expect(all).toMatchObject({ total: 10, limit: 50, offset: 0, from: '2023-01-01', to: '2023-12-31' });
      expect(all.group.code).toBe(TN);
      expect(all.items).toHaveLength(10);
      // The default order: by subgroup code, then by name.
      const codes = all.items.map((m) => m.subgroup?.code ?? '\uffff');
      expect(codes).toEqual([...codes].sort());
    });

    it('pages neither repeat nor skip a member, in every order', async () => {
      for (const sort of ['subgroup', 'name', '-name'] as const) {
        const whole = names((await page({ sort })).items);
        const pages: string[] = [];
        for (let offset = 0; offset < 10; offset += 3) {
          const p = await page({ sort, limit: 3, offset });
          expect(p).toMatchObject({ total: 10, limit: 3, offset });
          expect(p.items.length).toBe(Math.min(3, 10 - offset));
          pages.push(...names(p.items));
        }
        expect(pages).toEqual(whole);
      }
      const past = await page({ limit: 3, offset: 30 });
      expect(past).toMatchObject({ items: [], total: 10, limit: 3, offset: 30 });
    });

    it('sorts by name either way', async () => {
      const up = names((await page({ sort: 'name' })).items);
      const byFolded = [...up].sort((a, b) => COLLATOR.compare(fold(a), fold(b)));
      expect(up).toEqual(byFolded);
      expect(names((await page({ sort: '-name' })).items)).toEqual([...up].reverse());
    });

    it('a page too large, a negative offset or an unknown order is a 400 naming the parameter and the rule', async () => {
      const api = client(sys, board);
      const tooLarge = await refused(
        api.GET('/api/v1/groups/{groupId}/members', {
          params: { path: { groupId: TN }, query: { year: 2023, limit: 501 } },
        }),
        400,
      );
      expect(tooLarge.errors).toEqual([
        { field: 'limit', rule: 'max', message: 'phải nhỏ hơn hoặc bằng 500' },
      ]);
      const bad = await http(sys, 'GET', `/api/v1/groups/${TN}/members?year=2023&offset=-1&sort=ten`, {
        token: board,
      });
      expect(bad.status).toBe(400);
      // Every bad parameter is named once, in whatever order the rules were declared.
      expect(bad.body.errors).toHaveLength(2);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'offset', rule: 'min', message: 'phải lớn hơn hoặc bằng 0' },
          { field: 'sort', rule: 'isIn', message: 'phải là một trong các giá trị: subgroup, name, -name' },
        ]),
      );
    });
  });
});
