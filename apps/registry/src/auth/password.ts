import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { ErrorReason } from '@tdkt/contracts';

const scrypt = promisify(scryptCb) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;

/**
 * The parameters new hashes are made with. Every hash stores its own (`scrypt$N=…,r=…,p=…$salt$hash`),
 * so raising these takes effect for new passwords and, at their next sign-in, for existing ones
 * (`needsRehash`) without breaking older hashes. The oldest form `scrypt$N$salt$hash` means r=8, p=1.
 */
export const SCRYPT = { N: 16384, r: 8, p: 1 } as const;

interface Params {
  N: number;
  r: number;
  p: number;
}

function parse(stored: string): { params: Params; salt: Buffer; hash: Buffer } | null {
  const [kind, spec, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !spec || !salt || !hash) return null;
  let params: Params;
  if (/^\d+$/.test(spec)) params = { N: Number(spec), r: 8, p: 1 };
  else {
    const kv = Object.fromEntries(spec.split(',').map((x) => x.split('=')));
    params = { N: Number(kv.N), r: Number(kv.r), p: Number(kv.p) };
  }
  if (![params.N, params.r, params.p].every((x) => Number.isInteger(x) && x > 0)) return null;
  return { params, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

const maxmem = (x: Params) => 256 * x.N * x.r + 1024 * 1024;

export async function hashPassword(password: string, params: Params = SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, 32, { ...params, maxmem: maxmem(params) });
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const actual = await scrypt(password.normalize('NFC'), h.salt, h.hash.length, {
    ...h.params,
    maxmem: maxmem(h.params),
  });
  return timingSafeEqual(actual, h.hash);
}

/** A hash made with weaker parameters than today's (re-hashed at the next successful sign-in). */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.params.N < SCRYPT.N || h.params.r < SCRYPT.r || h.params.p < SCRYPT.p;
}

export const PASSWORD_MIN_LENGTH = 12;

/**
 * A small list of the passwords tried first (folded: lower case, no diacritics); a password is
 * refused when its folded form is one of them or one of them followed by digits.
 */
const COMMON = new Set([
  'password',
  'passw0rd',
  'matkhau',
  'matkhaucuatoi',
  'qwertyuiop',
  'qwertyuiopas',
  'asdfghjkl',
  'abcdefghijkl',
  'abc123456789',
  '123456789012',
  '1234567890',
  '123456789',
  '12345678',
  '111111111111',
  '000000000000',
  'iloveyou',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'vietnam',
  'hanoi',
  'saigon',
  'hochiminh',
  'thiduakhenthuong',
  'thidua',
  'khenthuong',
  'tdkt',
  'changeme',
  'trustno1',
  'football',
  'baseball',
  'superman',
  'dragon',
  'sunshine',
  'princess',
]);

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

/**
 * The password policy (pure): at least 12 characters, neither the login nor containing it, not a
 * common password. Answers the reason broken (catalogue, Vietnamese message), or null.
 */
export function passwordProblem(password: string, username: string): ErrorReason | null {
  const pw = password.normalize('NFC');
  if ([...pw].length < PASSWORD_MIN_LENGTH) return 'PASSWORD_TOO_SHORT';
  const folded = fold(pw);
  const login = fold(username);
  if (login.length >= 3 && folded.includes(login)) return 'PASSWORD_IS_LOGIN';
  const stem = folded.replace(/[\d\W_]+$/u, '');
  if (COMMON.has(folded) || COMMON.has(stem) || /^(.)\1+$/u.test(folded) || /^\d+$/.test(folded))
    return 'PASSWORD_TOO_COMMON';
  return null;
}

/** An opaque secret (refresh token, reset token): 32 random bytes, base64url. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** How a secret is stored: its SHA-256, hex (a lookup key; the secret itself has 256 bits). */
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');
