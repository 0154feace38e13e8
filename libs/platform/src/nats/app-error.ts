import {
  ERROR_CATALOGUE,
  ErrorCode,
  errorMessage,
  ErrorParams,
  ErrorReason,
  FieldError,
  isVietnamese,
  RpcErrorBody,
  ruleRank,
  validationMessage,
  ValidationRule,
} from '@tdkt/contracts';
import { RpcException } from '@nestjs/microservices';
import { getMetadataStorage, ValidationError } from 'class-validator';

/**
 * A coded failure raised by a service. It crosses NATS as `{ ok: false, error }` and the gateway
 * maps its code to an HTTP status (see the gateway's problem filter).
 */
export class AppError extends RpcException {
  constructor(readonly body: RpcErrorBody) {
    super(body);
  }
  get code(): ErrorCode {
    return this.body.code;
  }

  /**
   * A coded error from the catalogue (libs/contracts errors): its kind gives the status, its
   * message the text; `field` names the request field it concerns (also for a 409 or 422).
   */
  static of(reason: ErrorReason, params: ErrorParams = {}, field?: string): AppError {
    const message = errorMessage(reason, params);
    return new AppError({
      code: ERROR_CATALOGUE[reason].kind,
      reason,
      message,
      errors: field ? [{ field, message }] : undefined,
    });
  }

  /** The error body of a catalogue reason (for replies built without an exception). */
  static bodyOf(reason: ErrorReason, params: ErrorParams = {}, field?: string): RpcErrorBody {
    return AppError.of(reason, params, field).body;
  }

  /** A 400 naming each field; the message says them all (`field: message; …`) unless given. */
  static validation(errors: FieldError[], message?: string): AppError {
    const text =
      message ??
      (errors.map((e) => `${e.field}: ${e.message}`).join('; ') || errorMessage('REQUEST_MALFORMED'));
    return new AppError({ code: ErrorCode.VALIDATION_FAILED, message: text, errors });
  }
  /**
   * A 400 naming `field` and the rule it breaks, with the rule's Vietnamese message from the
   * validation catalogue (libs/contracts errors/validation.ts), e.g. `AppError.rule('dueOn',
   * 'notBefore', ['startsOn'])` → `{ field: 'dueOn', rule: 'notBefore', message: 'không được trước startsOn' }`.
   */
  static rule(field: string, rule: ValidationRule, args: readonly unknown[] = []): AppError {
    const m = validationMessage(rule, args);
    return AppError.validation([{ field, rule: m.rule, message: m.message }]);
  }
  static field(field: string, message: string): AppError {
    return AppError.validation([{ field, message }], `${field}: ${message}`);
  }
  static notFound(message: string): AppError {
    return new AppError({ code: ErrorCode.NOT_FOUND, message });
  }
  static conflict(message: string, field?: string): AppError {
    return new AppError({
      code: ErrorCode.CONFLICT,
      message,
      errors: field ? [{ field, message }] : undefined,
    });
  }
  static invalidState(message: string): AppError {
    return new AppError({ code: ErrorCode.INVALID_STATE, message });
  }
  static gone(message: string): AppError {
    return new AppError({ code: ErrorCode.GONE, message });
  }
  static unprocessable(message: string, field?: string): AppError {
    return new AppError({
      code: ErrorCode.UNPROCESSABLE,
      message,
      errors: field ? [{ field, message }] : undefined,
    });
  }
  static unauthenticated(message = 'Sai tên đăng nhập hoặc mật khẩu'): AppError {
    return new AppError({ code: ErrorCode.UNAUTHENTICATED, message });
  }
  static forbidden(message: string): AppError {
    return new AppError({ code: ErrorCode.FORBIDDEN, message });
  }
}

/** A request that did not get a usable answer (no responder, timeout, or the remote's coded error). */
export class RpcCallError extends Error {
  constructor(
    readonly body: RpcErrorBody,
    readonly subject: string,
  ) {
    super(`${subject}: ${body.code} ${body.message}`);
  }
}

/**
 * What to throw when a call to another service failed: its coded answer (404, 503…) becomes this
 * service's own `AppError` with the same body; anything else is returned unchanged.
 */
export function passOn(e: unknown): unknown {
  return e instanceof RpcCallError ? new AppError(e.body) : e;
}

/**
 * class-validator errors → `[{ field: 'patch.name' (or 'rows[0].counts'), rule: 'maxLength', message: 'dài tối đa 64 ký tự' }]`:
 * one entry per field, the rule that matters most (present, then its type, then size or format;
 * see `ruleRank`), its message from the Vietnamese catalogue (`validationMessage`) with the
 * rule's arguments. A field left out is `isDefined` ("bắt buộc") whatever rule noticed it. A
 * decorator's own message is kept only when it is already Vietnamese.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    // A property with an empty name (`{"": 1}`) is still named: its parent, or the body.
    // An item of a list is `list[0]`, as the services name theirs (`awards[0].award`).
    const field =
      e.property === ''
        ? parent || 'body'
        : !parent
          ? e.property
          : /^\d+$/.test(e.property)
            ? `${parent}[${e.property}]`
            : `${parent}.${e.property}`;
    const names = Object.keys(e.constraints ?? {});
    if (names.length > 0) {
      const rule = names.reduce((a, b) => (ruleRank(b) < ruleRank(a) ? b : a));
      out.push(fieldError(e, field, rule));
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

function fieldError(e: ValidationError, field: string, rule: string): FieldError {
  // Errors made by hand (Nest's "object is expected") have no `value` at all: not "left out".
  const absent = 'value' in e && e.value === undefined && rule !== 'whitelistValidation';
  const meta = absent ? undefined : ruleMetadata(e, rule);
  const own = e.constraints?.[rule];
  if (!absent && typeof meta?.message === 'string' && own && isVietnamese(own)) {
    // "username: chỉ gồm chữ cái…" or "code chỉ gồm…" written with the field's name: not repeated.
    const named = [`${e.property}: `, `${e.property} `].find((p) => own.startsWith(p));
    const message = named ? own.slice(named.length) : own;
    return { field, rule, message: message.normalize('NFC') };
  }
  const m = validationMessage(rule, meta?.constraints ?? [], {
    each: meta?.each ?? false,
    absent,
    isNull: e.value === null,
  });
  return { field, rule: m.rule, message: m.message };
}

/** The rule's declaration (its arguments, `each`, its own message) on the validated object's class. */
function ruleMetadata(
  e: ValidationError,
  rule: string,
): { constraints?: unknown[]; each?: boolean; message?: unknown } | undefined {
  const target = e.target as object | undefined;
  if (!target || typeof target !== 'object') return undefined;
  const all = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor,
    '',
    false,
    false,
    undefined,
  );
  return all.find((m) => m.propertyName === e.property && (m.name ?? m.type) === rule);
}

/**
 * Turns an access decision from @tdkt/domain (`may…` policies) into a 403 when it refuses.
 * Typed structurally so the platform does not depend on the domain library.
 */
export function allow(d: { allowed: true } | { allowed: false; reason: string }): void {
  if (!d.allowed) throw AppError.forbidden(d.reason);
}
