import { FIRST_YEAR, isValidDate, LAST_YEAR } from '@tdkt/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';

// ---------- bounds shared by every contract ----------

/** The largest Postgres `integer` (int4): every whole number stored in one is at most this. */
export const INT4_MAX = 2_147_483_647;
/** Years (and the years of dates) the platform accepts: 1900–2100. */
export const YEAR_MIN = FIRST_YEAR;
export const YEAR_MAX = LAST_YEAR;
/** At most this many items per page. */
export const MAX_PAGE_SIZE = 500;
/** Items per page when the request does not say (`limit`). */
export const DEFAULT_PAGE_SIZE = 50;

/** Applies several property decorators as one. */
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const d of decorators) d(target, key);
  };
}

// ---------- text ----------

/**
 * Well-formed UTF-16: no lone surrogate ("\ud800"), which no encoding can store. Such a string
 * becomes U+FFFD or an error in the database, so it is refused where it comes in.
 */
export function isWellFormedText(value: string): boolean {
  const native = (value as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(value) : !/\p{Cs}/u.test(value);
}

/** A string (each string, with `each`) is well-formed Unicode; other types are left to IsString. */
export function IsWellFormed(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWellFormed',
      validator: {
        validate: (v: unknown) => typeof v !== 'string' || isWellFormedText(v),
        defaultMessage: () => '$property must be well-formed Unicode text (no lone surrogate)',
      },
    },
    options,
  );
}

/** Not only white space (what is stored is trimmed). */
function IsNotBlank(): PropertyDecorator {
  return ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || v.trim().length > 0,
      defaultMessage: () => '$property must not be blank',
    },
  });
}

/**
 * Free text (names, titles, reasons): a well-formed string of `min`–`max` characters, normalised
 * to Unicode NFC before it is measured (a name typed in NFD and one typed in NFC are the same).
 * Required text (`min` > 0) must not be blank.
 */
export function IsText(min: number, max: number): PropertyDecorator {
  return all(
    Transform(({ value }) =>
      typeof value === 'string' && isWellFormedText(value) ? value.normalize('NFC') : value,
    ),
    IsString(),
    IsWellFormed(),
    Length(min, max),
    ...(min > 0 ? [IsNotBlank()] : []),
  );
}

// ---------- nested lists ----------

/**
 * The message of `IsObject({ each: true })` on a list of nested objects: ValidateNested alone lets
 * a list inside the list (`[[]]`) through unchecked.
 */
export const EACH_OBJECT = 'each of $property must be an object';

// ---------- optional, but never null ----------

/**
 * May be left out; when given, it is validated, and null is refused. For fields whose column is
 * not nullable (or where null would mean nothing): IsOptional lets null through.
 */
export function Omittable(): PropertyDecorator {
  return all(
    ValidateIf((_o: object, v: unknown) => v !== undefined),
    IsDefined({ message: '$property may be left out but must not be null' }),
  );
}

// ---------- numbers ----------

/** A year in YEAR_MIN–YEAR_MAX. */
export function IsYear(): PropertyDecorator {
  return all(IsInt(), Min(YEAR_MIN), Max(YEAR_MAX));
}

/** A version number of something stored (int4). */
export function IsVersion(): PropertyDecorator {
  return all(IsInt(), Min(1), Max(INT4_MAX));
}

// ---------- dates ----------

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day `YYYY-MM-DD` (no 2023-02-30, no month 13) in YEAR_MIN–YEAR_MAX: the domain's rule. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && isValidDate(value);
}

/** A calendar day: `YYYY-MM-DD`, a real date, years 1900–2100. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v: unknown) => isCalendarDate(v),
        defaultMessage: () => `$property must be a calendar date YYYY-MM-DD (years ${YEAR_MIN}–${YEAR_MAX})`,
      },
    },
    options,
  );
}

// ---------- pages ----------

/** `limit` and `offset` of every list (mixed into a list's own query with IntersectionType). */
export class PageQuery {
  @ApiProperty({
    required: false,
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiProperty({ required: false, type: 'integer', minimum: 0, maximum: INT4_MAX, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(INT4_MAX)
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
