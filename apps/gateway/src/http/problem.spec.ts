import {
  BadRequestException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  AwardsErrors,
  CommonErrors,
  DocumentsErrors,
  ERROR_CATALOGUE,
  ErrorCode,
  errorMessage,
  ErrorReason,
  GatewayErrors,
  HonoursErrors,
  IntakeErrors,
  NotificationsErrors,
  RegistryErrors,
  ScoringErrors,
} from '@tdkt/contracts';
import { AppError, requestContext, RpcCallError } from '@tdkt/platform';
import type { Logger } from 'pino';
import { problem, Problem, ProblemException, rawBody, sendProblem, STATUS_OF, toProblem } from './problem';

/** A logger that keeps what it was given. */
function recordingLogger() {
  const lines: { level: 'warn' | 'error'; obj: unknown; msg?: string }[] = [];
  const logger = {
    warn: (obj: unknown, msg?: string) => lines.push({ level: 'warn', obj, msg }),
    error: (obj: unknown, msg?: string) => lines.push({ level: 'error', obj, msg }),
  } as unknown as Logger;
  return { logger, lines };
}

const SUBJECT = 't.registry.unit.get';

/** Every kind, with the status and title a client sees (written out, not derived from STATUS_OF). */
const KINDS: [ErrorCode, number, string][] = [
  [ErrorCode.VALIDATION_FAILED, 400, 'Dữ liệu không hợp lệ'],
  [ErrorCode.UNAUTHENTICATED, 401, 'Chưa đăng nhập'],
  [ErrorCode.FORBIDDEN, 403, 'Không có quyền'],
  [ErrorCode.NOT_FOUND, 404, 'Không tìm thấy'],
  [ErrorCode.CONFLICT, 409, 'Xung đột dữ liệu'],
  [ErrorCode.INVALID_STATE, 409, 'Xung đột dữ liệu'],
  [ErrorCode.GONE, 410, 'Không còn hiệu lực'],
  [ErrorCode.PAYLOAD_TOO_LARGE, 413, 'Nội dung quá lớn'],
  [ErrorCode.UNPROCESSABLE, 422, 'Nội dung không đạt yêu cầu'],
  [ErrorCode.RATE_LIMITED, 429, 'Quá nhiều yêu cầu'],
  [ErrorCode.SERVICE_UNAVAILABLE, 503, 'Dịch vụ tạm thời không sẵn sàng'],
  [ErrorCode.TIMEOUT, 504, 'Dịch vụ không trả lời kịp'],
  [ErrorCode.INTERNAL, 500, 'Lỗi hệ thống'],
];

describe('toProblem: every failure as problem+json', () => {
  it('a ProblemException is answered as it is, at the request URL', () => {
    const p = problem(403, 'only the central board changes units and groups');
    expect(toProblem(new ProblemException(p), '/api/v1/units')).toEqual({ ...p, instance: '/api/v1/units' });
  });

  it('covers every ErrorCode', () => {
    expect(KINDS.map(([kind]) => kind).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it.each(KINDS)('a service error of kind %s is a %i', (kind, status, title) => {
    const { logger, lines } = recordingLogger();
    const errors = [{ field: 'code', message: 'đã có' }];
    const p = toProblem(
      new RpcCallError({ code: kind, message: 'the service says why', errors }, SUBJECT),
      '/x',
      logger,
    );
    // A 500 hides the service's message; 503 and 504 say what happened.
    const detail = status === 500 ? 'Lỗi hệ thống' : 'the service says why';
    expect(p).toEqual({
      type: `urn:tdkt:problem:${kind.toLowerCase().replace(/_/g, '-')}`,
      title,
      status,
      detail,
      instance: '/x',
      requestId: undefined,
      code: kind,
      kind,
      errors,
    });
    // Server-side failures are logged with the subject; a client's mistake is not.
    expect(lines).toEqual(
      status >= 500
        ? [{ level: 'warn', obj: { subject: SUBJECT, code: kind }, msg: 'the service says why' }]
        : [],
    );
  });

  it('a catalogue reason is the code; its kind decides the status', () => {
    const conflict = toProblem(
      new RpcCallError(AppError.bodyOf('IDEMPOTENCY_KEY_IN_PROGRESS', {}, 'Idempotency-Key'), SUBJECT),
    );
    const message = 'Một yêu cầu cùng Idempotency-Key đang được xử lý; hãy gửi lại sau giây lát';
    expect(conflict).toMatchObject({
      type: 'urn:tdkt:problem:idempotency-key-in-progress',
      status: 409,
      code: 'IDEMPOTENCY_KEY_IN_PROGRESS',
      kind: ErrorCode.CONFLICT,
      detail: message,
      errors: [{ field: 'Idempotency-Key', message }],
    });
    const tooLarge = toProblem(
      new RpcCallError(AppError.bodyOf('REPLY_TOO_LARGE', { bytes: 2_000_000 }), SUBJECT),
    );
    expect(tooLarge).toMatchObject({
      status: 413,
      code: 'REPLY_TOO_LARGE',
      kind: ErrorCode.PAYLOAD_TOO_LARGE,
      detail: 'Kết quả quá lớn để trả về (2000000 byte); hãy thu hẹp yêu cầu',
    });
    // An internal reason keeps its code, never its message (it may carry internals).
    const gaveUp = toProblem(
      new RpcCallError(
        AppError.bodyOf('JOB_GAVE_UP', {
          kind: 'x',
          attempts: 5,
          detail: 'relation "secret" does not exist',
        }),
        SUBJECT,
      ),
    );
    expect(gaveUp).toMatchObject({
      status: 500,
      code: 'JOB_GAVE_UP',
      kind: ErrorCode.INTERNAL,
      detail: 'Lỗi hệ thống',
    });
    expect(JSON.stringify(gaveUp)).not.toContain('secret');
  });

  it('every catalogue entry: code is the reason, kind its kind, a 4xx or 5xx status with a title', () => {
    const wrong: unknown[] = [];
    for (const [reason, spec] of Object.entries(ERROR_CATALOGUE)) {
      const status = STATUS_OF[spec.kind];
      const p = toProblem(new RpcCallError(AppError.bodyOf(reason as ErrorReason), SUBJECT));
      const ok =
        Number.isInteger(status) &&
        status >= 400 &&
        status <= 599 &&
        p.status === status &&
        p.code === reason &&
        p.kind === spec.kind &&
        p.title !== 'Lỗi';
      if (!ok) wrong.push({ reason, kind: spec.kind, status, problem: p });
    }
    expect(wrong).toEqual([]);
    // Every context's reasons are in it, none defined twice (a spread would drop one silently).
    const contexts = [
      CommonErrors,
      RegistryErrors,
      IntakeErrors,
      ScoringErrors,
      AwardsErrors,
      DocumentsErrors,
      NotificationsErrors,
      GatewayErrors,
      HonoursErrors,
    ];
    expect(Object.keys(ERROR_CATALOGUE).sort()).toEqual(contexts.flatMap((c) => Object.keys(c)).sort());
    expect(Object.keys(ERROR_CATALOGUE)).toContain('DATABASE_UNAVAILABLE');
  });

  it("Nest's HTTP exceptions: body-wide ones name the body", () => {
    expect(
      toProblem(new BadRequestException('Unexpected token } in JSON at position 9'), '/u'),
    ).toMatchObject({
      status: 400,
      code: ErrorCode.VALIDATION_FAILED,
      detail: errorMessage('BODY_NOT_JSON'),
      errors: [{ field: 'body', message: errorMessage('BODY_NOT_JSON') }],
    });
    expect(toProblem(new PayloadTooLargeException('Request body is too large'))).toMatchObject({
      status: 413,
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      errors: [{ field: 'body', message: errorMessage('BODY_TOO_LARGE') }],
    });
    expect(toProblem(new UnsupportedMediaTypeException('Send text/csv'))).toMatchObject({
      status: 415,
      title: 'Kiểu nội dung không được hỗ trợ',
      code: ErrorCode.VALIDATION_FAILED,
      errors: [{ field: 'body', message: errorMessage('BODY_TYPE_UNSUPPORTED') }],
    });
    // A text of our own (already Vietnamese) is kept.
    expect(toProblem(new UnsupportedMediaTypeException('Hãy gửi tệp CSV'))).toMatchObject({
      errors: [{ field: 'body', message: 'Hãy gửi tệp CSV' }],
    });
    const notFound = toProblem(new NotFoundException('Cannot GET /api/v1/nowhere'), '/api/v1/nowhere');
    expect(notFound).toMatchObject({
      status: 404,
      code: ErrorCode.NOT_FOUND,
      detail: 'Không có địa chỉ GET /api/v1/nowhere trong API',
    });
    expect(notFound).not.toHaveProperty('errors');
    expect(toProblem(new HttpException('I am a teapot', 418))).toMatchObject({
      status: 418,
      title: 'Yêu cầu không được chấp nhận',
      detail: 'Yêu cầu không được chấp nhận',
      code: ErrorCode.VALIDATION_FAILED,
    });
  });

  it('Fastify errors: too large, wrong type, unreadable JSON, other 4xx', () => {
    const fastify = (statusCode: number, code: string, message = 'fastify says') =>
      Object.assign(new Error(message), { statusCode, code });
    expect(toProblem(fastify(413, 'FST_ERR_CTP_BODY_TOO_LARGE'), '/u')).toMatchObject({
      status: 413,
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      detail: 'Nội dung yêu cầu lớn hơn mức cho phép',
      errors: [{ field: 'body', message: 'Nội dung yêu cầu lớn hơn mức cho phép' }],
      instance: '/u',
    });
    expect(toProblem(fastify(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'))).toMatchObject({
      status: 415,
      detail: errorMessage('BODY_TYPE_UNSUPPORTED'),
      errors: [{ field: 'body', message: errorMessage('BODY_TYPE_UNSUPPORTED') }],
    });
    expect(toProblem(fastify(400, 'FST_ERR_CTP_EMPTY_JSON_BODY'))).toMatchObject({
      status: 400,
      detail: errorMessage('BODY_NOT_JSON'),
      errors: [{ field: 'body', message: errorMessage('BODY_NOT_JSON') }],
    });
    const syntax = Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 });
    expect(toProblem(syntax)).toMatchObject({ status: 400, detail: errorMessage('BODY_NOT_JSON') });
    const route = toProblem(fastify(404, 'FST_ERR_NOT_FOUND', 'Route GET:/x not found'));
    expect(route).toMatchObject({
      status: 404,
      code: ErrorCode.NOT_FOUND,
      detail: 'Không có địa chỉ GET /x trong API',
    });
    expect(route).not.toHaveProperty('errors');
  });

  it.each([
    ['an Error with internals', new Error('connect ECONNREFUSED 10.0.0.5:5432 (SELECT * FROM secret)')],
    [
      'a Fastify 5xx',
      Object.assign(new Error('SELECT * FROM secret'), { statusCode: 500, code: 'FST_ERR_X' }),
    ],
    ['a thrown string', 'SELECT * FROM secret'],
    ['null', null],
    ['undefined', undefined],
  ])('anything else (%s) is a 500 without internals, logged', (_label, thrown) => {
    const { logger, lines } = recordingLogger();
    const p = toProblem(thrown, '/api/v1/units', logger);
    expect(p).toEqual({
      type: 'urn:tdkt:problem:internal',
      title: 'Lỗi hệ thống',
      status: 500,
      detail: 'Lỗi hệ thống',
      instance: '/api/v1/units',
      requestId: undefined,
      code: ErrorCode.INTERNAL,
      kind: ErrorCode.INTERNAL,
    });
    expect(lines).toEqual([{ level: 'error', obj: { err: thrown }, msg: 'unhandled error' }]);
  });

  it('carries the request id of the request it answers', () => {
    const p = requestContext.run({ requestId: 'req-42' }, () => toProblem(new Error('x')));
    expect(p.requestId).toBe('req-42');
  });
});

describe('sendProblem and rawBody', () => {
  function recordingReply() {
    const calls: [string, ...unknown[]][] = [];
    const reply = {
      code: (n: number) => (calls.push(['code', n]), reply),
      header: (k: string, v: string) => (calls.push(['header', k, v]), reply),
      send: (b: unknown) => void calls.push(['send', b]),
    };
    return { reply, calls };
  }

  it.each([
    ['503', problem(503, 'down', ErrorCode.SERVICE_UNAVAILABLE), '2'],
    [
      '409 on the key',
      problem(409, 'busy', ErrorCode.CONFLICT, [{ field: 'Idempotency-Key', message: 'busy' }]),
      '1',
    ],
    [
      '409 on a field',
      problem(409, 'taken', ErrorCode.CONFLICT, [{ field: 'code', message: 'taken' }]),
      undefined,
    ],
    ['404', problem(404, 'none'), undefined],
  ] as [string, Problem, string | undefined][])(
    '%s: Retry-After only where a retry helps',
    (_label, p, retryAfter) => {
      const { reply, calls } = recordingReply();
      sendProblem(reply, p);
      expect(calls).toEqual([
        ...(retryAfter ? [['header', 'retry-after', retryAfter]] : []),
        ['code', p.status],
        ['header', 'content-type', 'application/problem+json; charset=utf-8'],
        ['send', JSON.stringify(p)],
      ]);
    },
  );

  it('rawBody answers the bytes, or a 415 saying what to send', () => {
    const bytes = Buffer.from('a,b');
    expect(rawBody({ body: bytes }, 'CSV file', 'text/csv')).toBe(bytes);
    for (const body of [undefined, Buffer.alloc(0), { a: 1 }]) {
      let thrown: unknown;
      try {
        rawBody({ body }, 'CSV file', 'text/csv');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ProblemException);
      expect((thrown as ProblemException).problemBody).toMatchObject({
        status: 415,
        detail: 'Hãy gửi CSV file làm nội dung yêu cầu với content-type text/csv',
      });
    }
  });
});
