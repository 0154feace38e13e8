import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { CacheInvalidation } from './invalidation';

export const CACHE_INVALIDATION = Symbol('CACHE_INVALIDATION');

/** After a write handler succeeds (its transaction committed), invalidates every instance's cache. */
@Injectable()
export class InvalidatesCache implements NestInterceptor {
  constructor(@Inject(CACHE_INVALIDATION) private readonly invalidation: CacheInvalidation) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(tap({ next: () => this.invalidation.invalidate() }));
  }
}
