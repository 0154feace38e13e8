import 'reflect-metadata';
import { currentIdempotency, requestContext } from '@tdkt/platform';
import { bindIdempotencyKey } from './idempotency';
import { Problem, ProblemException } from './problem';

const USER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const MESSAGE = 'phải gồm 8–128 ký tự A-Z a-z 0-9 . _ : - (một header duy nhất)';

/** Binds inside a request context: what the NATS requests of this request would carry, or the problem. */
function bind(
  method: string,
  key?: string | string[],
): { bound?: { key: string; scope: string }; refused?: Problem } {
  return requestContext.run({ requestId: 'req-1' }, () => {
    try {
      bindIdempotencyKey({ method, headers: key === undefined ? {} : { 'idempotency-key': key } }, USER);
      return { bound: currentIdempotency() };
    } catch (e) {
      if (e instanceof ProblemException) return { refused: e.problemBody, bound: currentIdempotency() };
      throw e;
    }
  });
}

describe('bindIdempotencyKey', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    '%s: the key travels with the caller as its scope',
    (method) => {
      expect(bind(method, 'key-0001:retry_2.a')).toEqual({
        bound: { key: 'key-0001:retry_2.a', scope: USER },
      });
    },
  );

  it('accepts 8 and 128 characters', () => {
    for (const key of ['a'.repeat(8), 'Z'.repeat(128)])
      expect(bind('POST', key)).toEqual({ bound: { key, scope: USER } });
  });

  it('binds nothing without a key, or on a read (whatever its key)', () => {
    expect(bind('POST')).toEqual({ bound: undefined });
    expect(bind('GET', 'key-0001-abcd')).toEqual({ bound: undefined });
    expect(bind('HEAD', 'bad key')).toEqual({ bound: undefined });
  });

  it.each([
    ['too short', 'a'.repeat(7)],
    ['too long', 'a'.repeat(129)],
    ['a space', 'key 0001 abcd'],
    ['a slash', 'key/0001/abcd'],
    ['Vietnamese letters', 'khóa-0001-abcd'],
    ['two headers', ['key-0001-abcd', 'key-0002-abcd']],
  ])('%s: a 400 naming the header, nothing bound', (_label, key) => {
    const { refused, bound } = bind('POST', key);
    expect(bound).toBeUndefined();
    expect(refused).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: `Idempotency-Key: ${MESSAGE}`,
      errors: [{ field: 'Idempotency-Key', message: MESSAGE }],
    });
  });

  it('outside a request there is nothing to bind to, and no error', () => {
    expect(() =>
      bindIdempotencyKey({ method: 'POST', headers: { 'idempotency-key': 'key-0001-abcd' } }, USER),
    ).not.toThrow();
    expect(currentIdempotency()).toBeUndefined();
  });
});
