import { Injectable } from '@nestjs/common';
import { ActorRequest, NoticeKind, PreferencesPutRequest, PreferencesView } from '@tdkt/contracts';
import { mayChooseDigest } from '@tdkt/domain';
import { authorize } from '../access';
import { PreferencesRepository } from './preferences.repository';
import { emailByDefault, preferencesView } from './preferences.views';

/** Each user's own choices: e-mail on or off per kind (the inbox always), the daily digest. */
@Injectable()
export class PreferencesService {
  constructor(private readonly repo: PreferencesRepository) {}

  async get(r: ActorRequest): Promise<PreferencesView> {
    return preferencesView(await this.repo.ofUser(r.actor.userId));
  }

  async put(r: PreferencesPutRequest): Promise<PreferencesView> {
    const choices = (r.body.kinds ?? [])
      .filter((c) => c.kind !== NoticeKind.DAILY_DIGEST)
      .map((c) => ({ kind: c.kind as string, email: c.email }));
    if (r.body.dailyDigest !== undefined) {
      if (r.body.dailyDigest) authorize(r.actor, mayChooseDigest);
      choices.push({ kind: NoticeKind.DAILY_DIGEST, email: r.body.dailyDigest });
    }
    // A kind listed twice: the last choice stands (one row per kind; Postgres refuses an upsert
    // that would touch the same row twice).
    await this.repo.put(r.actor.userId, [...new Map(choices.map((c) => [c.kind, c])).values()]);
    return this.get(r);
  }

  /** Of these users, those who get `kind` by e-mail (their choice, else the kind's default). */
  async emailAllowed(userIds: string[], kind: NoticeKind): Promise<Set<string>> {
    const chosen = new Map((await this.repo.forKind(userIds, kind)).map((r) => [r.user_id, r.email]));
    return new Set(userIds.filter((u) => chosen.get(u) ?? emailByDefault(kind)));
  }

  /** Users who chose the daily digest (the digest's audience; it checks their roles itself). */
  digestSubscribers(): Promise<string[]> {
    return this.repo.digestSubscribers();
  }
}
