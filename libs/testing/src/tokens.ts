import { createHmac, randomUUID } from 'node:crypto';

/**
 * An access token as the gateway issues it (HS256, issuer tdkt-gateway) for an officer of a unit:
 * for tests and benchmarks that act as many member units (the demo has a login for a few only).
 */
export function officerToken(secret: string, unitId: string, name = 'Cán bộ đơn vị'): string {
  const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({
    sub: randomUUID(),
    username: `officer-${unitId.slice(0, 8)}`,
    name,
    unitId,
    roles: [{ role: 'UNIT_OFFICER', unitId }],
    iat: now,
    exp: now + 3600,
    iss: 'tdkt-gateway',
  })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
