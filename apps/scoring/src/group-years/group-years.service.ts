import { Injectable } from '@nestjs/common';
import { GroupYearAction, groupYearRefusal } from '@tdkt/domain';
import { AppError } from '@tdkt/platform';
import { EntityManager } from 'typeorm';
import { GroupYearsRepository, LockHistoryRow, YearChange } from './group-years.repository';

/**
 * The open/locked state of a group-year, shared by every feature that writes one: a write takes
 * the year's row lock first and is refused by the rules of libs/domain scoring/states.ts
 * (`groupYearRefusal`) with the catalogue's reason.
 */
@Injectable()
export class GroupYearsService {
  constructor(private readonly repo: GroupYearsRepository) {}

  /** A write's transaction (its answer is what a replay under the same Idempotency-Key gets). */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.repo.transaction(work);
  }

  /** Takes the row lock in the caller's transaction; answers whether the year is locked (told later by the caller). */
  take(m: EntityManager, groupId: string, year: number): Promise<boolean> {
    return this.repo.lockForWrite(m, groupId, year);
  }

  /** Takes the row lock and refuses `action` when the year's state does not allow it. */
  async takeFor(m: EntityManager, groupId: string, year: number, action: GroupYearAction): Promise<boolean> {
    const locked = await this.take(m, groupId, year);
    this.check(locked, action, year);
    return locked;
  }

  /** Refuses `action` (409 with its reason) when the year's state does not allow it. */
  check(locked: boolean, action: GroupYearAction, year: number): void {
    const refusal = groupYearRefusal(locked, action);
    if (refusal) throw AppError.of(refusal, { year });
  }

  isLocked(groupId: string, year: number): Promise<boolean> {
    return this.repo.isLocked(groupId, year);
  }

  history(groupId: string, year: number): Promise<LockHistoryRow[]> {
    return this.repo.history(groupId, year);
  }

  /** Records a lock or a reopen (the row lock held by `m`), with its event. */
  record(m: EntityManager, change: YearChange): Promise<void> {
    return this.repo.record(m, change);
  }
}
