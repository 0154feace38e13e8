import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import {
  connectNats,
  HealthChecks,
  NATS_CONNECTION,
  natsReadiness,
  HealthModule,
  RpcClient,
} from '@tdkt/platform';
import { NatsConnection } from 'nats';
import { createSecretKey } from 'node:crypto';
import type { Logger } from 'pino';
import { AuthController, LOGIN_LIMITER } from './auth/auth.controller';
import { RateLimiter } from './http/rate-limit';
import { AuthGuard, RPC_CLIENT } from './auth/auth.guard';
import { authProviders } from './auth/auth.providers';
import { UsersController } from './registry/users.controller';
import { GatewayConfig } from './config';
import { ProblemFilter } from './http/problem';
import { validationPipe } from './http/validation';
import { GroupsController } from './registry/groups.controller';
import { ConferencesController } from './registry/conferences.controller';
import { UnitsController } from './registry/units.controller';
import { SubmissionsController } from './intake/submissions.controller';
import { NationalScoringController, ScoringController } from './scoring/scoring.controller';
import { CovenantController } from './scoring/covenant.controller';
import { AwardsController } from './awards/awards.controller';
import { DocumentsController } from './documents/documents.controller';
import { HonoursController } from './honours/honours.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { inboxStreamsProvider } from './notifications/inbox-streams';

class NatsLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly nc: NatsConnection,
    health: HealthChecks,
  ) {
    health.register('nats', natsReadiness(nc));
  }
  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        HealthModule, // health only: metrics are on their own listener (METRICS_PORT)
        JwtModule.register({
          // A KeyObject, made once: given a string, jsonwebtoken builds a key on every verify
          // (first trying it as a public key), which cost ~8 % of the gateway's CPU under load.
          secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) as unknown as string,
          signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256', issuer: 'tdkt-gateway' },
          verifyOptions: { algorithms: ['HS256'], issuer: 'tdkt-gateway' },
        }),
      ],
      controllers: [
        AuthController,
        UsersController,
        UnitsController,
        GroupsController,
        ConferencesController,
        SubmissionsController,
        ScoringController,
        CovenantController,
        NationalScoringController,
        AwardsController,
        DocumentsController,
        HonoursController,
        NotificationsController,
      ],
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: () => connectNats({ url: config.NATS_URL, name: 'gateway' }),
        },
        {
          provide: RPC_CLIENT,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) =>
            new RpcClient(nc, { prefix: config.NATS_PREFIX, timeoutMs: config.RPC_TIMEOUT_MS }),
        },
        {
          provide: NatsLifecycle,
          inject: [NATS_CONNECTION, HealthChecks],
          useFactory: (nc: NatsConnection, h: HealthChecks) => new NatsLifecycle(nc, h),
        },
        inboxStreamsProvider(config.NATS_PREFIX),
        { provide: LOGIN_LIMITER, useValue: new RateLimiter(config.LOGIN_ATTEMPTS_PER_MINUTE) },
        ...authProviders(config),
        { provide: APP_PIPE, useFactory: validationPipe },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useFactory: () => new ProblemFilter(logger) },
      ],
    };
  }
}
