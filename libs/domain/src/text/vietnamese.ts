/** Vietnamese text rules. Text is stored in Unicode NFC; search compares a diacritic-free fold. */

/** Normalises to NFC and trims; collapses runs of white space. */
export function nfc(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Folds Vietnamese text for search: lower case, no tone or vowel marks, đ → d.
 * "Đắk Lắk" and "dak lak" fold to the same string.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** A stable ASCII code from a Vietnamese name: "Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau". */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

/** Escapes LIKE wildcards so user input matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/gu, (c) => `\\${c}`);
}

/**
 * Well-formed UTF-16: no lone surrogate ("\ud800"), which can be neither stored nor encoded.
 * (`String.prototype.isWellFormed` where the runtime has it.)
 */
export function isWellFormed(text: string): boolean {
  const native = (text as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !/\p{Cs}/u.test(text);
}

/** At most this many characters of what someone sent are repeated in an error message. */
export const ECHO_MAX = 100;

/**
 * Input repeated in a message, cut to `max` characters ("…" marks the cut): an error never grows
 * with the input (a 700,000-character cell must not become a 700,000-character answer).
 */
export function clip(text: string, max = ECHO_MAX): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  // Never end on the first half of a surrogate pair.
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** At most this many problems are listed in one answer; the rest are counted. */
export const LISTED_PROBLEMS_MAX = 100;

/**
 * The first `max` of `problems`, plus `more(n)` standing for the `n` left out: an answer (and a
 * NATS reply) never grows with the number of problems in the input.
 */
export function capProblems<T>(
  problems: readonly T[],
  more: (n: number) => T,
  max = LISTED_PROBLEMS_MAX,
): T[] {
  return problems.length <= max ? [...problems] : [...problems.slice(0, max), more(problems.length - max)];
}
