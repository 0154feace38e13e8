import { Controller, Get, Header, HttpCode, Injectable, Module, Res, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { metricsRegistry } from './metrics';

/** Marks a route that needs no sign-in (health, metrics, login, docs). */
export const PUBLIC_ROUTE = 'tdkt:public';
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

type Check = () => Promise<unknown>;

/** Readiness checks a service registers for its own dependencies (database, NATS...). */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, Check>();

  register(name: string, check: Check): void {
    this.checks.set(name, check);
  }

  async run(timeoutMs = 1500): Promise<{ ok: boolean; checks: Record<string, string> }> {
    const results: Record<string, string> = {};
    let ok = true;
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
          ]);
          results[name] = 'up';
        } catch (e) {
          ok = false;
          results[name] = `down: ${e instanceof Error ? e.message : String(e)}`;
        }
      }),
    );
    return { ok, checks: results };
  }
}

interface Reply {
  code(status: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(private readonly checks: HealthChecks) {}

  /** Liveness: the process answers. Cheap on purpose. */
  @Get('health/live')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Readiness: the service's own dependencies answer. */
  @Get('health/ready')
  async ready(@Res() reply: Reply): Promise<void> {
    const result = await this.checks.run();
    reply
      .code(result.ok ? 200 : 503)
      .send({ status: result.ok ? 'ok' : 'unavailable', checks: result.checks });
  }
}

/**
 * Prometheus metrics on the HTTP port: the services' ports are internal (health and metrics only).
 * The gateway's port is public, so it serves them on a listener of their own (`serveMetrics`).
 */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}

/** Health and metrics on the service's HTTP port (the services built from the kit). */
@Module({
  providers: [HealthChecks],
  controllers: [HealthController, MetricsController],
  exports: [HealthChecks],
})
export class OpsModule {}

/** Health only (the gateway: its metrics are on their own listener, not on the public API port). */
@Module({ providers: [HealthChecks], controllers: [HealthController], exports: [HealthChecks] })
export class HealthModule {}
