import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, Observable, tap } from 'rxjs';
import { CacheInvalidation } from './invalidation';

export const CACHE_INVALIDATION = Symbol('CACHE_INVALIDATION');

/** Serves a read handler from the service's ReadCache, keyed by subject and payload. */
@Injectable()
export class CachedRead implements NestInterceptor {
  constructor(@Inject(CACHE_INVALIDATION) private readonly invalidation: CacheInvalidation) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = ctx.switchToRpc();
    const subject = (rpc.getContext() as { getSubject(): string }).getSubject();
    const key = `${subject} ${JSON.stringify(rpc.getData())}`;
    return from(this.invalidation.cache.get(key, () => lastValueFrom(next.handle())));
  }
}

/** After a write handler succeeds (its transaction committed), invalidates every instance's cache. */
@Injectable()
export class InvalidatesCache implements NestInterceptor {
  constructor(@Inject(CACHE_INVALIDATION) private readonly invalidation: CacheInvalidation) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(tap({ next: () => this.invalidation.invalidate() }));
  }
}
