import { createRemoteJWKSet, jwtVerify, JWTVerifyGetKey } from 'jose';

/**
 * Tokens of an external identity provider (OIDC): signed by a key of its JWKS (fetched and cached
 * by jose, refreshed when an unknown `kid` appears), from OIDC_ISSUER, for OIDC_AUDIENCE. The
 * identity is its `email` claim (`email_verified` must not be false); the registry maps it to the
 * one active user with that e-mail (apps/gateway README).
 */
export class OidcVerifier {
  private readonly jwks: JWTVerifyGetKey;

  constructor(
    readonly issuer: string,
    private readonly audience: string,
    jwksUrl: string,
  ) {
    this.jwks = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  /** Is the token (by its unverified `iss`) one of this provider's? */
  claims(token: string): boolean {
    try {
      const body = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
      return body?.iss === this.issuer;
    } catch {
      return false;
    }
  }

  /** The verified e-mail and expiry; throws when the token is not valid. */
  async verify(token: string): Promise<{ email: string; exp: number }> {
    const { payload } = await jwtVerify(token, this.jwks, {
      issuer: this.issuer,
      audience: this.audience,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
    });
    if (typeof payload.email !== 'string' || payload.email_verified === false || !payload.exp)
      throw new Error('no verified e-mail');
    return { email: payload.email, exp: payload.exp };
  }
}

export function oidcFromConfig(c: { OIDC_ISSUER: string; OIDC_AUDIENCE: string; OIDC_JWKS_URL: string }) {
  const given = [c.OIDC_ISSUER, c.OIDC_AUDIENCE, c.OIDC_JWKS_URL].filter(Boolean).length;
  if (given === 0) return null;
  if (given !== 3) throw new Error('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL go together');
  return new OidcVerifier(c.OIDC_ISSUER, c.OIDC_AUDIENCE, c.OIDC_JWKS_URL);
}
