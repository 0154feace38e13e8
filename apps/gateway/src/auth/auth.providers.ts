import { Provider } from '@nestjs/common';
import { NATS_CONNECTION } from '@tdkt/platform';
import { NatsConnection } from 'nats';
import type { GatewayConfig } from '../config';
import { ClientAddress } from './client-address';
import { oidcFromConfig } from './oidc';
import { TokenCache } from './token-cache';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
export const OIDC_VERIFIER = Symbol('OIDC_VERIFIER');

/** What sign-in and the guard need: the config, the client address rule, OIDC, the token cache. */
export function authProviders(config: GatewayConfig): Provider[] {
  return [
    { provide: AUTH_CONFIG, useValue: config },
    { provide: ClientAddress, useValue: new ClientAddress(config.TRUSTED_PROXIES) },
    { provide: OIDC_VERIFIER, useValue: oidcFromConfig(config) },
    {
      provide: TokenCache,
      inject: [NATS_CONNECTION],
      useFactory: (nc: NatsConnection) => new TokenCache(nc, config.NATS_PREFIX),
    },
  ];
}
