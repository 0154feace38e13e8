import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { cacheValidationMetadata, flattenValidationErrors } from '@tdkt/platform';
import { errorMessage } from '@tdkt/contracts';
import { problem, ProblemException } from './problem';

/** Per DTO class: the most recent distinct path/query values that passed, as transformed. */
const KEPT_PER_CLASS = 2_000;

/**
 * Whitelist, reject unknown fields, transform; a 400 problem names every offending field.
 *
 * Path parameters and query strings repeat (every officer of a cluster reads the same group and
 * year), so what passed is remembered per DTO class and value: a repeat costs a key lookup and a
 * copy instead of class-transformer and class-validator. Bodies are always validated. This needs
 * path/query DTOs to transform deterministically: no defaults computed from the clock or state.
 */
class RepeatAwareValidationPipe extends ValidationPipe {
  private readonly passed = new Map<unknown, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const cls = metadata.metatype;
    if ((metadata.type !== 'param' && metadata.type !== 'query') || !cls || !isStringRecord(value))
      return super.transform(value, metadata);
    const key = JSON.stringify(value);
    let seen = this.passed.get(cls);
    const hit = seen?.get(key);
    if (hit) return clone(hit);
    const out = (await super.transform(value, metadata)) as object;
    if (!seen) this.passed.set(cls, (seen = new Map()));
    if (seen.size >= KEPT_PER_CLASS) seen.delete(seen.keys().next().value as string);
    seen.set(key, clone(out));
    return out;
  }
}

/** A shallow copy that keeps the DTO's class (its prototype). */
function clone(o: object): object {
  return Object.assign(Object.create(Object.getPrototypeOf(o) as object) as object, o);
}

/** Path and query values are strings (or lists of strings): small and safe to key on. */
function isStringRecord(v: unknown): v is Record<string, string | string[]> {
  if (v === null || typeof v !== 'object') return false;
  let n = 0;
  for (const x of Object.values(v)) {
    if (typeof x !== 'string' && !(Array.isArray(x) && x.every((y) => typeof y === 'string'))) return false;
    n += 1;
  }
  return n <= 20;
}

export function validationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new RepeatAwareValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Every rule of a failing field runs, so the one reported is the one that matters most
    // (left out, then its type, then its size or format), not the first declared.
    stopAtFirstError: false,
    // The rule's arguments are read from the declaration on the object's class; values tell a
    // field left out ("bắt buộc") from one given wrongly.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const detail = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
      return new ProblemException(
        problem(400, detail || errorMessage('REQUEST_MALFORMED'), undefined, fields),
      );
    },
  });
}
