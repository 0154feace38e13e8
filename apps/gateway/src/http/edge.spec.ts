import type { FastifyRequest } from 'fastify';
import { badText, checkJson, checkParams, EDGE_LIMITS } from './edge';
import { Problem, ProblemException } from './problem';

const NUL = 'không được chứa ký tự NUL (\\u0000)';
const SURROGATE = 'phải là văn bản Unicode hợp lệ (có một ký tự thay thế UTF-16 lẻ)';

/** `depth` objects nested in each other under `a`: `{a: {a: … {}}}`. */
function nested(depth: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < depth; i += 1) v = { a: v };
  return v;
}

describe('badText', () => {
  it.each([
    ['Vietnamese text', 'Đắk Lắk', undefined],
    ['decomposed Vietnamese', 'Đắk Lắk'.normalize('NFD'), undefined],
    ['an emoji (a surrogate pair)', 'Báo cáo 😀', undefined],
    ['the empty string', '', undefined],
    ['a NUL character', 'a\u0000b', NUL],
    ['a lone high surrogate', 'a\ud800b', SURROGATE],
    ['a lone low surrogate at the end', 'x\udfff', SURROGATE],
    ['a pair in the wrong order', '\ude00\ud83d', SURROGATE],
  ])('%s', (_label, text, expected) => {
    expect(badText(text)).toBe(expected);
  });
});

describe('checkJson', () => {
  it('accepts a document within every limit', () => {
    expect(
      checkJson({
        name: 'Sở Tài chính',
        n: 1,
        ok: true,
        none: null,
        list: Array.from({ length: EDGE_LIMITS.array }, (_, i) => i),
        text: 'x'.repeat(EDGE_LIMITS.string),
        wide: Object.fromEntries(Array.from({ length: EDGE_LIMITS.keys }, (_, i) => [`k${i}`, i])),
        deep: nested(EDGE_LIMITS.depth - 2),
      }),
    ).toBeUndefined();
    expect(checkJson(undefined)).toBeUndefined();
    expect(checkJson(42)).toBeUndefined();
  });

  it('names the field by its path', () => {
    expect(checkJson({ chair: { name: 'a\u0000' } })).toMatchObject({ field: 'chair.name', message: NUL });
    expect(checkJson({ sections: [{ children: ['ok', 'x\ud800'] }] })).toMatchObject({
      field: 'sections[0].children[1]',
      message: SURROGATE,
    });
    expect(checkJson('a\u0000')).toMatchObject({ field: 'body', message: NUL });
    expect(checkJson(['ok', ['a\u0000']])).toMatchObject({ field: '[1][0]', message: NUL });
  });

  it('answers the first problem in document order', () => {
    expect(checkJson({ a: 'ok', b: 'x\u0000', c: { d: 'y\ud800' } })).toMatchObject({
      field: 'b',
      message: NUL,
    });
  });

  it('bounds strings, arrays and keys at their limits', () => {
    expect(checkJson({ text: 'x'.repeat(EDGE_LIMITS.string + 1) })).toMatchObject({
      field: 'text',
      message: 'dài tối đa 100000 ký tự',
    });
    expect(checkJson({ list: new Array(EDGE_LIMITS.array + 1).fill(0) })).toMatchObject({
      field: 'list',
      message: 'có tối đa 20000 phần tử',
    });
    const wide = Object.fromEntries(Array.from({ length: EDGE_LIMITS.keys + 1 }, (_, i) => [`k${i}`, i]));
    expect(checkJson({ wide })).toMatchObject({ field: 'wide', message: 'có tối đa 1000 trường' });
    expect(checkJson(wide)).toMatchObject({ field: 'body', message: 'có tối đa 1000 trường' });
  });

  it('bounds nesting: 32 levels pass, the 33rd is named', () => {
    const path = (n: number) => Array(n).fill('a').join('.');
    expect(checkJson(nested(EDGE_LIMITS.depth))).toMatchObject({
      field: path(EDGE_LIMITS.depth),
      message: 'lồng nhau quá sâu (tối đa 32 cấp)',
    });
    expect(checkJson(nested(EDGE_LIMITS.depth - 1))).toBeUndefined();
    // Arrays count as levels too; a hostile depth is answered, not a stack overflow.
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(checkJson(deep)).toMatchObject({
      field: '[0]'.repeat(EDGE_LIMITS.depth),
      message: 'lồng nhau quá sâu (tối đa 32 cấp)',
    });
  });

  it('refuses an empty field name and a bad one, naming where they are', () => {
    expect(checkJson({ '': 1 })).toMatchObject({ field: 'body', message: 'có một trường với tên rỗng' });
    expect(checkJson({ patch: { '': 1 } })).toMatchObject({
      field: 'patch',
      message: 'có một trường với tên rỗng',
    });
    expect(checkJson({ patch: { 'na\u0000me': 1 } })).toMatchObject({
      field: 'patch.(key)',
      message: `tên trường ${NUL}`,
    });
    expect(checkJson({ 'x\ud800': 1 })).toMatchObject({ field: '(key)', message: `tên trường ${SURROGATE}` });
  });
});

describe('checkParams', () => {
  const request = (parts: { params?: unknown; query?: unknown; headers?: Record<string, string> }) =>
    ({ params: {}, query: {}, headers: {}, ...parts }) as unknown as FastifyRequest;
  /** The problem a request is refused with, or undefined when it passes. */
  const refusal = (req: FastifyRequest): Problem | undefined => {
    try {
      checkParams(req);
      return undefined;
    } catch (e) {
      if (e instanceof ProblemException) return e.problemBody;
      throw e;
    }
  };
  const refused = (field: string, message: string) => ({
    status: 400,
    detail: `${field}: ${message}`,
    errors: [{ field, message }],
  });

  it('passes ordinary parameters, queries and headers', () => {
    expect(
      refusal(
        request({
          params: { groupId: 'cum-tn-dhmt', year: '2023' },
          query: { q: 'Đắk Lắk', kind: ['A', 'B'], limit: 10 },
          headers: {
            'x-file-name': encodeURIComponent('Biên bản hội nghị.pdf'),
            'idempotency-key': 'key-0001-abcd',
          },
        }),
      ),
    ).toBeUndefined();
    // Not percent-encoded text is checked as it is.
    expect(refusal(request({ headers: { 'x-file-name': '%E0%A4%A' } }))).toBeUndefined();
  });

  it('refuses long, NUL-bearing or ill-formed values, naming the parameter', () => {
    expect(refusal(request({ params: { id: 'x'.repeat(201) } }))).toMatchObject(
      refused('id', 'dài tối đa 200 ký tự'),
    );
    expect(refusal(request({ params: { id: 'x'.repeat(200) } }))).toBeUndefined();
    expect(refusal(request({ query: { q: ['ok', 'a\u0000b'] } }))).toMatchObject(refused('q', NUL));
    expect(refusal(request({ params: { '*': 'a\ud800' } }))).toMatchObject(refused('path', SURROGATE));
    expect(refusal(request({ query: { '': 'x' } }))).toMatchObject(
      refused('query', 'có một tham số với tên rỗng'),
    );
    expect(refusal(request({ headers: { 'x-file-name': 'a%00b.pdf' } }))).toMatchObject(
      refused('X-File-Name', NUL),
    );
    expect(refusal(request({ headers: { 'idempotency-key': 'key\u0000-0001' } }))).toMatchObject(
      refused('Idempotency-Key', NUL),
    );
  });
});
