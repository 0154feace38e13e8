/**
 * Property-based fuzzing of the whole API, driven by the checked-in apps/gateway/openapi.json: for
 * every operation, requests built from its schema and then broken (wrong types, null at any depth,
 * 20-digit numbers, impossible dates, NUL and lone surrogates, 10k-char strings, 5000-element
 * arrays, 5000-level nesting, extra fields, odd headers and content types, bad path and query
 * values), as several roles and none. Plus, one by one, the cases the product owner found.
 *
 * Every response must hold: no 5xx (the system is healthy, so 503/504 count too); every error is
 * application/problem+json with `status` equal to the HTTP status and a string `code`; every 400
 * names a field in `errors[].field`; a write answered 4xx leaves every table's row count as it was.
 * Failures are collected, not stopped at, and reported grouped at the end of each part.
 *
 * Parts: reads (GET operations, a few at a time), writes (one at a time, row counts of every table
 * of registry, intake, scoring and awards checked around each 4xx), a sweep setting every field of
 * every JSON body to null, the wrong type and extreme values one at a time, the known cases (each its
 * own test), and a last check that the system still answers. The users are the demo logins board,
 * council, binhdinh (chair of cum-tn-dhmt in 2023), lamdong, kontum, viewer, and stc-hatinh (whose
 * submission in an open campaign gives the intake operations a real id); plus no token and forged ones.
 *
 * FUZZ_SEED=n reproduces a run (operation #i of openapi.json uses seed n+i), FUZZ_RUNS=n changes
 * the runs per operation, FUZZ_REPORT=file writes the whole summary there, FUZZ_TRACE=file every
 * request with its status.
 */
import 'reflect-metadata';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import golden from '../libs/domain/src/awards/golden/awards-2023-h1-tn-dhmt.json';
import {
  actorFor,
  closeAgent,
  codeOf,
  countDiff,
  deepArray,
  deepObject,
  dispatch,
  FailureLog,
  jsonText,
  JsonLike,
  loadSpec,
  Operation,
  Outcome,
  Pools,
  RawJson,
  repro,
  requestArb,
  RowCounter,
  short,
  sweepRequests,
  Target,
  targetOf,
  WireRequest,
  XLSX,
} from './support/fuzz';
import { attach, pdf, setUpCampaign, GROUP as HT_GROUP, YEAR as HT_YEAR } from './support/intake';
import { DEMO_PASSWORD, http, login, startTestSystem, TestSystem } from './support/system';

jest.setTimeout(180_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_917);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** Login is rate limited per address (30 a minute): fewer runs there, so the limiter is not all it sees. */
const LOGIN_RUNS = 12;
const READ_CONCURRENCY = 3;
/** FUZZ_TRACE=file: every request and its status, one a line */
const TRACE = process.env.FUZZ_TRACE;
const trace: string[] = [];
const USERS = ['board', 'council', 'binhdinh', 'lamdong', 'kontum', 'viewer', 'stc-hatinh'];
const SCHEMAS = ['registry', 'intake', 'scoring', 'awards', 'honours'];
const API = '/api/v1';
const TN = `${API}/groups/cum-tn-dhmt`;
const TN23 = `${TN}/years/2023`;

const SCHEME: JsonLike = {
  sections: [
    {
      type: 'SECTION',
      code: 'kinh-te',
      title: 'Phát triển kinh tế',
      children: [
        {
          type: 'CRITERION',
          code: 'grdp',
          title: 'Tăng trưởng GRDP (%)',
          max: 20,
          method: { kind: 'TARGET', target: 8, floor: 5 },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
        {
          type: 'CRITERION',
          code: 'thu-ngan-sach',
          title: 'Thu ngân sách',
          max: 20,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
      ],
    },
    {
      type: 'SECTION',
      code: 'xa-hoi',
      title: 'Văn hóa – xã hội',
      children: [
        {
          type: 'CRITERION',
          code: 'giam-ngheo',
          title: 'Giảm nghèo',
          max: 20,
          method: { kind: 'MANUAL' },
          scoredBy: { kind: 'MEMBER' },
          evidenceRequired: false,
        },
      ],
    },
  ],
};

/** A JSON request as a demo user (or nobody). */
function req(
  method: string,
  template: string,
  url: string,
  as: string,
  p: Pools,
  o: { body?: JsonLike | Buffer; type?: string; headers?: Record<string, string>; note?: string } = {},
): WireRequest {
  const headers: Record<string, string> = { ...o.headers };
  if (p.tokens[as]) headers.authorization = `Bearer ${p.tokens[as]}`;
  let body: Buffer | undefined;
  if (Buffer.isBuffer(o.body)) body = o.body;
  else if (o.body !== undefined) body = Buffer.from(jsonText(o.body));
  if (body) headers['content-type'] ??= o.type ?? 'application/json';
  return { method, template, url, headers, body, as: p.tokens[as] ? as : 'anonymous', note: o.note ?? '' };
}

interface KnownCase {
  name: string;
  requests(p: Pools): WireRequest[];
  /** Sent all at once (else one after another, writes with the row-count check) */
  parallel?: boolean;
  /** The one status every request must get */
  expect?: number;
}

const KNOWN: KnownCase[] = [
  {
    name: 'a CSV of 700,000 "A" on one line to POST /awards/records (crashed the awards service)',
    requests: (p) => {
      const url = `${API}/awards/records?from=2023-01-01&to=2023-12-31`;
      const header = Buffer.from('Số quyết định,Ngày quyết định,Cơ quan ban hành,Hình thức khen thưởng\r\n');
      const bodies: [string, Buffer][] = [
        ['700,000 × A', Buffer.alloc(700_000, 'A')],
        // Just under the import limit, so that the service itself has to read it.
        ['699,000 × A', Buffer.alloc(699_000, 'A')],
        ['a header, then a line of 690,000 × A', Buffer.concat([header, Buffer.alloc(690_000, 'A')])],
      ];
      return bodies.map(([note, body]) =>
        req('POST', `${API}/awards/records`, url, 'board', p, { body, type: 'text/csv', note }),
      );
    },
  },
  {
    name: 'JSON nested thousands of levels deep (login unauthenticated, and authenticated writes)',
    requests: (p) =>
      [deepObject(5_000), deepArray(5_000), deepObject(20_000), deepArray(40_000)].flatMap((deep) => {
        const note = `${deep.text.length} B of nesting`;
        return [
          req('POST', `${API}/auth/login`, `${API}/auth/login`, 'anonymous', p, { body: deep, note }),
          req('POST', `${API}/auth/login`, `${API}/auth/login`, 'anonymous', p, {
            body: { username: deep, password: 'x' },
            note: `username: ${note}`,
          }),
          req('POST', `${API}/units`, `${API}/units`, 'board', p, {
            body: { code: 'fz-deep', name: deep, kind: 'OTHER' },
            note: `name: ${note}`,
          }),
          req('PUT', `${API}/groups/{groupId}/years/{year}/scheme`, `${TN23}/scheme`, 'binhdinh', p, {
            body: { scheme: { sections: [{ type: 'SECTION', code: 'x', title: 'X', children: deep }] } },
            note: `children: ${note}`,
          }),
          req('POST', `${API}/submissions`, `${API}/submissions`, 'stc-hatinh', p, { body: deep, note }),
        ];
      }),
  },
  {
    name: 'a NUL byte in a path parameter',
    requests: (p) => [
      req('GET', `${API}/units/{id}`, `${API}/units/binh%00dinh`, 'board', p),
      req('GET', `${API}/units/{id}/history`, `${API}/units/%00/history`, 'board', p),
      req('GET', `${API}/groups/{groupId}/members`, `${TN}%00/members?year=2023`, 'board', p),
      req('GET', `${API}/groups/{groupId}/years/{year}/scheme`, `${TN}/years/2023%00/scheme`, 'binhdinh', p),
      req('GET', `${API}/submissions/{submissionId}`, `${API}/submissions/%00`, 'board', p),
      req('GET', `${API}/awards/aggregates/{tableId}`, `${API}/awards/aggregates/a%00b`, 'board', p),
      req('PATCH', `${API}/units/{id}`, `${API}/units/%00`, 'board', p, { body: { name: 'x' } }),
      req('GET', `${API}/groups/{groupId}/years/{year}/scores/{memberId}`, `${TN23}/scores/%00`, 'board', p),
    ],
  },
  {
    name: 'a NUL byte in a query value',
    requests: (p) => [
      req('GET', `${API}/units`, `${API}/units?q=a%00b`, 'board', p),
      req('GET', `${API}/units`, `${API}/units?on=2023-01-01%00`, 'board', p),
      req('GET', `${API}/units`, `${API}/units?parentId=%00`, 'board', p),
      req('GET', `${API}/groups`, `${API}/groups?q=%00`, 'board', p),
      req('GET', `${API}/groups/{groupId}/members`, `${TN}/members?subgroup=%00`, 'board', p),
      req('GET', `${API}/submissions`, `${API}/submissions?groupId=%00`, 'board', p),
      req(
        'GET',
        `${API}/awards/statistics`,
        `${API}/awards/statistics?from=2023-01-01%00&to=2023-06-30`,
        'board',
        p,
      ),
      req('GET', `${API}/awards/catalogue`, `${API}/awards/catalogue?on=%00`, 'board', p),
    ],
  },
  {
    name: 'a NUL byte in a body field',
    requests: (p) => [
      req('POST', `${API}/auth/login`, `${API}/auth/login`, 'anonymous', p, {
        body: { username: 'board\u0000', password: DEMO_PASSWORD },
      }),
      req('POST', `${API}/units`, `${API}/units`, 'board', p, {
        body: { code: 'fz-nul', name: 'a\u0000b', kind: 'OTHER' },
      }),
      req('POST', `${API}/units`, `${API}/units`, 'board', p, {
        body: { code: 'fz\u0000nul', name: 'Tên', kind: 'OTHER' },
      }),
      req('PATCH', `${API}/units/{id}`, `${API}/units/binh-dinh`, 'board', p, { body: { name: 'a\u0000b' } }),
      req('PATCH', `${API}/groups/{groupId}`, TN, 'board', p, { body: { name: '\u0000' } }),
      req('POST', `${API}/groups/{groupId}/subgroups`, `${TN}/subgroups`, 'board', p, {
        body: { code: 'fz-nul', name: 'a\u0000b' },
      }),
      req('PUT', `${API}/groups/{groupId}/years/{year}/campaign`, `${TN23}/campaign`, 'board', p, {
        body: { title: 'a\u0000b', latePolicy: 'REFUSE' },
      }),
      req('POST', `${API}/submissions`, `${API}/submissions`, 'stc-hatinh', p, {
        body: { groupId: HT_GROUP, year: HT_YEAR, kind: 'EVIDENCE', title: 'a\u0000b' },
      }),
      req('POST', `${API}/awards/records/uploads`, `${API}/awards/records/uploads`, 'board', p, {
        body: { fileName: 'a\u0000b.csv', contentType: 'text/csv', size: 10, sha256: 'a'.repeat(64) },
      }),
      req(
        'POST',
        `${API}/groups/{groupId}/years/{year}/scoring/reopen`,
        `${TN23}/scoring/reopen`,
        'board',
        p,
        {
          body: { reason: '\u0000' },
        },
      ),
    ],
  },
  {
    name: 'a NUL byte in the X-File-Name header',
    requests: (p) => {
      const csv = Buffer.from('Số quyết định,Ngày quyết định\r\n1/QĐ,2023-03-01\r\n');
      const url = `${API}/awards/records?from=2023-01-01&to=2023-12-31`;
      const one = (name: string) =>
        req('POST', `${API}/awards/records`, url, 'board', p, {
          body: csv,
          type: 'text/csv',
          headers: { 'x-file-name': name },
        });
      const raw = one('a\u0000b.csv');
      return [
        one('%00'),
        one('a%00b.csv'),
        one('%zz'),
        { ...raw, transport: 'socket', note: 'raw NUL byte' },
      ];
    },
  },
  {
    name: 'offset=99999999999999999999',
    requests: (p) =>
      ['units', 'groups', 'submissions'].flatMap((r) => [
        req('GET', `${API}/${r}`, `${API}/${r}?offset=99999999999999999999`, 'board', p),
        req('GET', `${API}/${r}`, `${API}/${r}?limit=99999999999999999999`, 'board', p),
        req('GET', `${API}/${r}`, `${API}/${r}?offset=2147483648`, 'board', p),
      ]),
  },
  {
    name: 'a huge `version`',
    requests: (p) =>
      ['99999999999999999999', '2147483648', '1e400', '-1'].flatMap((v) => [
        req(
          'GET',
          `${API}/groups/{groupId}/years/{year}/scheme`,
          `${TN23}/scheme?version=${v}`,
          'binhdinh',
          p,
        ),
        req(
          'GET',
          `${API}/groups/{groupId}/years/{year}/scheme/xlsx`,
          `${TN23}/scheme/xlsx?version=${v}`,
          'board',
          p,
        ),
      ]),
  },
  {
    name: 'impossible dates 2023-02-30 and 0000-01-01',
    requests: (p) =>
      ['2023-02-30', '0000-01-01'].flatMap((d) => [
        req('GET', `${API}/units`, `${API}/units?on=${d}`, 'board', p),
        req('GET', `${API}/groups/{groupId}/members`, `${TN}/members?on=${d}`, 'board', p),
        req(
          'GET',
          `${API}/groups/{groupId}/members/current-successors`,
          `${TN}/members/current-successors?on=${d}`,
          'board',
          p,
        ),
        req('GET', `${API}/awards/catalogue`, `${API}/awards/catalogue?on=${d}`, 'board', p),
        req(
          'GET',
          `${API}/awards/statistics`,
          `${API}/awards/statistics?from=${d}&to=2023-06-30`,
          'board',
          p,
        ),
        req(
          'GET',
          `${API}/groups/{groupId}/awards/statistics`,
          `${TN}/awards/statistics?from=2023-01-01&to=${d}`,
          'board',
          p,
        ),
        req('POST', `${API}/awards/records`, `${API}/awards/records?from=${d}&to=2023-12-31`, 'board', p, {
          body: Buffer.from('x'),
          type: 'text/csv',
        }),
        req('POST', `${API}/units`, `${API}/units`, 'board', p, {
          body: { code: 'fz-date', name: 'Ngày sai', kind: 'OTHER', validFrom: d },
        }),
        req('PATCH', `${API}/units/{id}`, `${API}/units/binh-dinh`, 'board', p, { body: { validTo: d } }),
        req('PATCH', `${API}/groups/{groupId}`, TN, 'board', p, { body: { validTo: d } }),
        req('POST', `${API}/unit-successions`, `${API}/unit-successions`, 'board', p, {
          body: { predecessorId: 'kon-tum', successorId: 'binh-dinh', effectiveOn: d },
        }),
        req('POST', `${API}/groups/{groupId}/memberships`, `${TN}/memberships`, 'board', p, {
          body: { unitId: 'binh-dinh', validFrom: d },
        }),
        req(
          'POST',
          `${API}/groups/{groupId}/years/{year}/campaign/milestones`,
          `${TN23}/campaign/milestones`,
          'board',
          p,
          {
            body: { code: 'fz-date', title: 'Mốc', dueOn: d },
          },
        ),
        req('PUT', `${API}/groups/{groupId}/years/{year}/leadership`, `${TN23}/leadership`, 'board', p, {
          body: { chair: { unitId: 'binh-dinh', chosenBy: 'ROTATION', decidedOn: d } },
        }),
        req('POST', `${API}/groups/{groupId}/awards/aggregates`, `${TN}/awards/aggregates`, 'board', p, {
          body: { from: d, to: '2023-06-30', units: ['Kon Tum'], rows: [] },
        }),
        req('POST', `${API}/awards/records/uploads`, `${API}/awards/records/uploads`, 'board', p, {
          body: {
            from: d,
            to: '2023-12-31',
            fileName: 'a.csv',
            contentType: 'text/csv',
            size: 10,
            sha256: 'a'.repeat(64),
          },
        }),
      ]),
  },
  {
    name: '{"name": null} on PATCH of a unit or a group',
    requests: (p) => [
      req('PATCH', `${API}/units/{id}`, `${API}/units/binh-dinh`, 'board', p, { body: { name: null } }),
      req('PATCH', `${API}/groups/{groupId}`, TN, 'board', p, { body: { name: null } }),
      req('PATCH', `${API}/units/{id}`, `${API}/units/binh-dinh`, 'board', p, {
        body: { name: null, kind: null },
      }),
      req('PATCH', `${API}/groups/{groupId}`, TN, 'board', p, { body: { name: null, validTo: null } }),
    ],
  },
  {
    name: 'a lone surrogate "\\ud800" in a name, on create and on PATCH',
    requests: (p) => [
      req('POST', `${API}/units`, `${API}/units`, 'board', p, {
        body: { code: 'fz-sur', name: 'a\ud800b', kind: 'OTHER' },
      }),
      req('POST', `${API}/groups`, `${API}/groups`, 'board', p, {
        body: { code: 'fz-sur', name: '\ud800', kind: 'CLUSTER', organiserKind: 'CENTRAL_COUNCIL' },
      }),
      req('POST', `${API}/groups/{groupId}/subgroups`, `${TN}/subgroups`, 'board', p, {
        body: { code: 'fz-sur', name: '\udfff' },
      }),
      req('PATCH', `${API}/units/{id}`, `${API}/units/binh-dinh`, 'board', p, { body: { name: 'x\ud800' } }),
      req('PATCH', `${API}/groups/{groupId}`, TN, 'board', p, { body: { name: '\ud800' } }),
      req('PUT', `${API}/groups/{groupId}/years/{year}/campaign`, `${TN23}/campaign`, 'board', p, {
        body: { title: '\ud800', latePolicy: 'REFUSE' },
      }),
    ],
  },
  {
    name: 'wrong shapes inside a scoring scheme PUT',
    requests: (p) => {
      const crit = {
        type: 'CRITERION',
        code: 'c',
        title: 'C',
        max: 10,
        method: { kind: 'MANUAL' },
        scoredBy: { kind: 'MEMBER' },
        evidenceRequired: false,
      };
      const sec = (children: JsonLike): JsonLike => ({
        sections: [{ type: 'SECTION', code: 's', title: 'S', children }],
      });
      const bodies: [string, JsonLike][] = [
        ['sections: "abc"', { scheme: { sections: 'abc' } }],
        ['sections: 5', { scheme: { sections: 5 } }],
        ['sections: {}', { scheme: { sections: {} } }],
        ['sections: null', { scheme: { sections: null } }],
        ['sections: [null]', { scheme: { sections: [null] } }],
        ['sections: ["abc"]', { scheme: { sections: ['abc'] } }],
        ['sections: [5]', { scheme: { sections: [5] } }],
        ['children: null', { scheme: sec(null) }],
        ['children: "abc"', { scheme: sec('abc') }],
        ['children: {}', { scheme: sec({}) }],
        ['children: [null]', { scheme: sec([null]) }],
        ['method: null', { scheme: sec([{ ...crit, method: null }]) }],
        ['method: "abc"', { scheme: sec([{ ...crit, method: 'abc' }]) }],
        ['method.kind: null', { scheme: sec([{ ...crit, method: { kind: null } }]) }],
        ['TARGET without target', { scheme: sec([{ ...crit, method: { kind: 'TARGET' } }]) }],
        ['scoredBy: null', { scheme: sec([{ ...crit, scoredBy: null }]) }],
        ['scoredBy: 5', { scheme: sec([{ ...crit, scoredBy: 5 }]) }],
        ['max: "abc"', { scheme: sec([{ ...crit, max: 'abc' }]) }],
        [
          'max: 99999999999999999999',
          { scheme: sec([{ ...crit, max: new RawJson('99999999999999999999') }]) },
        ],
        ['title: {}', { scheme: sec([{ ...crit, title: {} }]) }],
        ['code: null', { scheme: sec([{ ...crit, code: null }]) }],
        ['scheme: null', { scheme: null }],
        ['scheme: "abc"', { scheme: 'abc' }],
        ['scheme: []', { scheme: [] }],
        ['tieBreaks: "abc"', { scheme: SCHEME, tieBreaks: 'abc' }],
        ['tieBreaks: [null]', { scheme: SCHEME, tieBreaks: [null] }],
        ['tieBreaks: [{}]', { scheme: SCHEME, tieBreaks: [{}] }],
        ['honours: null', { scheme: SCHEME, honours: null }],
        ['honours: "abc"', { scheme: SCHEME, honours: 'abc' }],
        ['honours.awards: "x"', { scheme: SCHEME, honours: { scope: 'SUBGROUP', awards: 'x' } }],
        ['honours.awards: [null]', { scheme: SCHEME, honours: { scope: 'SUBGROUP', awards: [null] } }],
      ];
      return bodies.flatMap(([note, body]) =>
        ['binhdinh', 'board'].map((as) =>
          req('PUT', `${API}/groups/{groupId}/years/{year}/scheme`, `${TN23}/scheme`, as, p, { body, note }),
        ),
      );
    },
  },
  {
    name: 'an unknown group id requested by 14 parallel requests (all 404, never 500)',
    parallel: true,
    expect: 404,
    requests: (p) =>
      [
        ['/api/v1/groups/{groupId}', ''],
        ['/api/v1/groups/{groupId}/members', '/members?year=2023'],
        ['/api/v1/groups/{groupId}/years/{year}/scheme', '/years/2023/scheme'],
        ['/api/v1/groups/{groupId}/years/{year}/ranking', '/years/2023/ranking'],
      ].flatMap(([template, rest], k) =>
        Array.from({ length: 14 }, () =>
          req('GET', template, `${API}/groups/khong-ton-tai-fz${k}${rest}`, 'board', p, {
            note: '14 at once',
          }),
        ),
      ),
  },
  {
    name: 'a path parameter over 100 characters',
    requests: (p) =>
      [101, 150, 1_000].flatMap((n) => [
        req('GET', `${API}/units/{id}`, `${API}/units/${'a'.repeat(n)}`, 'board', p),
        req(
          'GET',
          `${API}/groups/{groupId}/members`,
          `${API}/groups/${'x'.repeat(n)}/members?year=2023`,
          'board',
          p,
        ),
        req('GET', `${API}/submissions/{submissionId}`, `${API}/submissions/${'1'.repeat(n)}`, 'board', p),
        req('PATCH', `${API}/units/{id}`, `${API}/units/${'a'.repeat(n)}`, 'board', p, {
          body: { name: 'x' },
        }),
        req(
          'GET',
          `${API}/groups/{groupId}/years/{year}/scheme`,
          `${TN}/years/${'9'.repeat(n)}/scheme`,
          'board',
          p,
        ),
      ]),
  },
  {
    name: "'%zz' in the URL",
    requests: (p) => [
      req('GET', `${API}/units/{id}`, `${API}/units/%zz`, 'board', p),
      req('GET', `${API}/groups/{groupId}/members`, `${API}/groups/%zz/members`, 'board', p),
      req('GET', `${API}/units`, `${API}/units?q=%zz`, 'board', p),
      req('GET', `${API}/units`, `${API}/units?%zz=1`, 'board', p),
      req('GET', '(no route)', `${API}/%zz`, 'board', p),
      req('GET', '(no route)', `/%zz`, 'anonymous', p),
      req('PATCH', `${API}/units/{id}`, `${API}/units/%zz`, 'board', p, { body: { name: 'x' } }),
      req('POST', `${API}/auth/login`, `${API}/auth/login?%zz`, 'anonymous', p, {
        body: { username: 'x', password: 'y' },
      }),
    ],
  },
  {
    name: 'GET or DELETE with a JSON body',
    requests: (p) => {
      const body = { name: 'x', limit: 1 };
      return [
        req('GET', `${API}/units`, `${API}/units`, 'board', p, { body }),
        req('GET', `${API}/groups/{groupId}`, TN, 'board', p, { body }),
        req('GET', `${API}/auth/me`, `${API}/auth/me`, 'viewer', p, { body: deepObject(5_000) }),
        req('GET', `${API}/groups/{groupId}/members`, `${TN}/members?year=2023`, 'board', p, {
          body: Buffer.from('{'),
        }),
        req(
          'DELETE',
          `${API}/groups/{groupId}/years/{year}/scheme`,
          `${TN}/years/2031/scheme`,
          'binhdinh',
          p,
          { body },
        ),
        req(
          'DELETE',
          `${API}/submissions/{submissionId}/files/{fileId}`,
          `${API}/submissions/${p.submissions[0]}/files/${p.files[p.files.length - 1]}`,
          'kontum',
          p,
          { body },
        ),
      ];
    },
  },
  {
    name: 'a 50 MB body (a readable 413 problem, not a closed connection)',
    expect: 413,
    requests: (p) => {
      const big = Buffer.alloc(50 * 1024 * 1024, 'A');
      const json = Buffer.concat([Buffer.from('{"name":"'), big, Buffer.from('"}')]);
      return [
        req('POST', `${API}/auth/login`, `${API}/auth/login`, 'anonymous', p, { body: json }),
        req('POST', `${API}/units`, `${API}/units`, 'board', p, { body: json }),
        req('PUT', `${API}/groups/{groupId}/years/{year}/scheme`, `${TN23}/scheme`, 'binhdinh', p, {
          body: json,
        }),
        req(
          'POST',
          `${API}/awards/records`,
          `${API}/awards/records?from=2023-01-01&to=2023-12-31`,
          'board',
          p,
          {
            body: big,
            type: 'text/csv',
          },
        ),
        req('PUT', `${API}/groups/{groupId}/years/{year}/scheme/xlsx`, `${TN23}/scheme/xlsx`, 'binhdinh', p, {
          body: big,
          type: XLSX,
        }),
      ].map((r) => ({ ...r, transport: 'fetch' as const, note: '50 MB' }));
    },
  },
  {
    name: 'a request line and headers over 16 kB (Node answers before the app)',
    requests: (p) => [
      req('GET', `${API}/units`, `${API}/units?q=${'x'.repeat(20_000)}`, 'board', p),
      req('GET', `${API}/units/{id}`, `${API}/units/binh-dinh`, 'board', p, {
        headers: { 'x-padding': 'y'.repeat(20_000) },
      }),
    ],
  },
];

describe('fuzzing the API from openapi.json', () => {
  const log = new FailureLog();
  const spec = loadSpec(join(__dirname, '..', 'apps', 'gateway', 'openapi.json'));
  // A server-sent event stream never ends by itself: test/notifications.e2e-spec.ts covers it.
  const reads = spec.operations.filter((o) => !o.write && !o.path.endsWith('/me/inbox/stream'));
  // Logout ends the session of the token it is sent with, the fuzzer's own users' (it is tested in
  // sessions.e2e-spec.ts).
  const writes = spec.operations.filter((o) => o.write && !o.path.endsWith('/auth/logout'));
  const opSeed = (op: Operation) => SEED + spec.operations.indexOf(op);
  let sys: TestSystem;
  let target: Target;
  let rows: RowCounter;
  let p: Pools;
  /** Row counts known to be current (after a write answered 4xx that changed nothing) */
  let current: Map<string, number> | undefined;
  const started = Date.now();
  const setupNotes: string[] = [];

  /** Sends one request, checks the response, and for a write answered 4xx the row counts around it. */
  async function exec(section: string, r: WireRequest, write: boolean, expect?: number): Promise<Outcome> {
    const run = log.count(section);
    const before = write ? (current ?? (await rows.snapshot())) : undefined;
    const out = await dispatch(target, r);
    const ctx = `run ${run}`;
    const v = log.check(section, r, out, ctx);
    if (TRACE) trace.push(`${section}\t${out.status}\t${codeOf(out)}\t${repro(r)}\t${out.error ?? ''}`);
    if (expect !== undefined && out.status !== expect && v.length === 0)
      log.add(
        section,
        r,
        out.status,
        { what: `expected ${expect}`, code: codeOf(out), detail: short(out.text, 200) },
        ctx,
      );
    if (!before) return out;
    current = undefined;
    if (out.status >= 400 && out.status < 500) {
      const after = await rows.snapshot();
      const moved = countDiff(before, after);
      if (moved.length)
        log.add(
          section,
          r,
          out.status,
          {
            what: 'half-written: a 4xx write changed row counts',
            code: codeOf(out),
            detail: moved.join(', '),
          },
          ctx,
        );
      else current = after;
    }
    return out;
  }

  function verdict(section: string): void {
    if (log.failures(section) > 0)
      throw new Error(log.summary(section, `seed ${SEED}, ${RUNS} runs per operation — `));
  }

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring', 'awards', 'notifications', 'documents', 'honours'] });
    target = targetOf(sys.baseUrl);
    rows = await RowCounter.open(sys.db.url, SCHEMAS);
    const tokens: Record<string, string> = {};
    for (const u of USERS) tokens[u] = await login(sys, u);
    const board = tokens.board;
    const get = async <T>(url: string, token = board): Promise<T | undefined> => {
      const r = await http<T>(sys, 'GET', url, { token });
      if (r.status === 200) return r.body;
      setupNotes.push(`setup GET ${url}: ${r.status}`);
      return undefined;
    };
    const write = async <T>(
      method: string,
      url: string,
      token: string,
      body?: unknown,
    ): Promise<T | undefined> => {
      const r = await http<T>(sys, method, url, { token, body });
      if (r.status < 300) return r.body;
      setupNotes.push(`setup ${method} ${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      return undefined;
    };
    const group = await get<{ id: string }>(TN);
    const members = await get<{ items: { id: string; unit: { id: string } }[] }>(`${TN}/members?year=2023`);
    const subgroups = (await get<{ items: { id: string; code: string }[] }>(`${TN}/subgroups`))?.items ?? [];
    // An open campaign (the 2023 deadlines are past) for a submission with a file.
    await setUpCampaign(sys, board).catch((e: Error) => setupNotes.push(`setup campaign: ${e.message}`));
    const sub = await write<{ id: string }>('POST', `${API}/submissions`, tokens['stc-hatinh'], {
      groupId: HT_GROUP,
      year: HT_YEAR,
      kind: 'ANNUAL_REPORT',
      title: 'Báo cáo thử (fuzz)',
    });
    const files: string[] = [];
    if (sub) {
      const a = await attach(sys, tokens['stc-hatinh'], sub.id, {
        bytes: pdf(),
        contentType: 'application/pdf',
        fileName: 'bao-cao.pdf',
      });
      files.push(a.ticket.file.id);
      const t = await write<{ file: { id: string } }>(
        'POST',
        `${API}/submissions/${sub.id}/files`,
        tokens['stc-hatinh'],
        {
          fileName: 'chua-tai.pdf',
          contentType: 'application/pdf',
          size: 100,
          sha256: 'a'.repeat(64),
        },
      );
      if (t) files.push(t.file.id);
    }
    const upload = await write<{ id: string }>('POST', `${API}/awards/records/uploads`, board, {
      from: '2023-01-01',
      to: '2023-12-31',
      fileName: 'khen-thuong.csv',
      contentType: 'text/csv',
      size: 100,
      sha256: 'a'.repeat(64),
    });
    const table = await write<{ id: string }>('POST', `${TN}/awards/aggregates`, board, {
      from: '2023-01-01',
      to: '2023-06-30',
      title: 'Khen thưởng 6 tháng đầu năm 2023',
      units: golden.provinces,
      rows: golden.rows.map((x) => ({ award: x.award, counts: x.counts, reportedTotal: x.reportedTotal })),
    });
    // A published points table, so that scores and rankings have something to work on.
    if (await write('PUT', `${TN23}/scheme`, tokens.binhdinh, { scheme: SCHEME }))
      await write('POST', `${TN23}/scheme/publish`, board, {
        withoutSignatures: true,
        reason: 'Bảng điểm thử nghiệm, không qua ký kết',
      });
    const units = ['binh-dinh', 'kon-tum', 'lam-dong'];
    const unitUuids = (await Promise.all(units.map((u) => get<{ id: string }>(`${API}/units/${u}`)))).flatMap(
      (u) => (u ? [u.id] : []),
    );
    const [h, pl, sig] = board.split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    p = {
      tokens,
      badAuth: {
        'a forged signature': `Bearer ${h}.${pl}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`,
        'an alg:none token': `Bearer ${none}.${pl}.`,
        'a garbage token': 'Bearer x.y.z',
        'an empty bearer': 'Bearer ',
        'basic auth': 'Basic Ym9hcmQ6eA==',
      },
      units,
      unitUuids,
      groups: ['cum-tn-dhmt', HT_GROUP, ...(group ? [group.id] : [])],
      subgroups: [...subgroups.map((s) => s.code), ...subgroups.map((s) => s.id)],
      memberships: (members?.items ?? []).slice(0, 3).map((m) => m.id),
      submissions: sub ? [sub.id] : [randomUUID()],
      files: files.length ? files : [randomUUID()],
      uploads: upload ? [upload.id] : [randomUUID()],
      tables: table ? [table.id] : [randomUUID()],
      years: [2023, HT_YEAR],
      users: USERS,
      password: DEMO_PASSWORD,
      scheme: SCHEME,
      provinces: golden.provinces,
    };
    if (!p.memberships.length) p.memberships.push(randomUUID());
    process.stdout.write(
      `[fuzz] seed ${SEED}, ${RUNS} runs per operation, ${spec.operations.length} operations, ` +
        `row counts of ${rows.tables.length} tables, setup ${Date.now() - started} ms\n`,
    );
    if (setupNotes.length) process.stdout.write(`[fuzz] setup notes:\n  ${setupNotes.join('\n  ')}\n`);
  }, 120_000);

  afterAll(async () => {
    const summary = log.summary(
      undefined,
      `seed ${SEED}, ${RUNS} runs per operation, ${Math.round((Date.now() - started) / 1000)} s — `,
    );
    process.stdout.write(`\n[fuzz] ${summary}\n`);
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, `${summary}\n`);
    if (TRACE) writeFileSync(TRACE, `${trace.join('\n')}\n`);
    closeAgent();
    await rows?.close();
    await sys?.stop();
  });

  it(`reads: every GET operation, ${RUNS} generated requests each (${READ_CONCURRENCY} operations at a time)`, async () => {
    const queue = [...reads];
    const worker = async () => {
      for (let op = queue.shift(); op; op = queue.shift())
        await fc.assert(
          fc.asyncProperty(requestArb(spec, op, p), async (r) => {
            await exec('fuzz: reads', r, false);
          }),
          { numRuns: RUNS, seed: opSeed(op) },
        );
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    verdict('fuzz: reads');
  });

  it(`writes: every other operation, ${RUNS} generated requests each, one at a time, row counts checked`, async () => {
    for (const op of writes) {
      await fc.assert(
        fc.asyncProperty(requestArb(spec, op, p), async (r) => {
          await exec('fuzz: writes', r, true);
        }),
        { numRuns: op.path.endsWith('/auth/login') ? LOGIN_RUNS : RUNS, seed: opSeed(op) },
      );
    }
    verdict('fuzz: writes');
  });

  it('sweep: every field of every JSON body set to null, the wrong type and extreme values, one at a time', async () => {
    const section = 'sweep: bodies';
    for (const op of writes.filter((o) => o.bodyTypes.includes('application/json')))
      for (const r of sweepRequests(spec, op, p, actorFor(op))) await exec(section, r, true);
    verdict(section);
  });

  describe('known bad cases', () => {
    it.each(KNOWN.map((k) => [k.name, k] as const))('%s', async (_name, k) => {
      const section = `known: ${k.name}`;
      const requests = k.requests(p);
      if (k.parallel) await Promise.all(requests.map((r) => exec(section, r, r.method !== 'GET', k.expect)));
      else for (const r of requests) await exec(section, r, r.method !== 'GET', k.expect);
      verdict(section);
    });
  });

  it('afterwards the system is alive: /health/ready, and authenticated reads of every service', async () => {
    const section = 'alive';
    // Must answer 200 ...
    for (const [url, as] of [
      ['/health/ready', 'anonymous'],
      [`${API}/auth/me`, 'viewer'],
      [`${API}/groups/cum-tn-dhmt`, 'board'],
      [`${API}/units?limit=5`, 'kontum'],
      [`${API}/submissions?limit=5`, 'board'],
      [`${API}/awards/catalogue`, 'board'],
    ])
      await exec(section, req('GET', url, url, as, p), false, 200);
    // ... and scoring must answer (its state after the fuzzing may be anything).
    await exec(section, req('GET', `${TN23}/scoring`, `${TN23}/scoring`, 'board', p), false);
    verdict(section);
  });
});
