import { NOTICE_KINDS, NoticeKind, PreferencesView } from '@tdkt/contracts';
import type { PreferenceRow } from './preferences.repository';

/** Kinds whose e-mail is off unless the user turns it on. */
export const EMAIL_OFF_BY_DEFAULT: ReadonlySet<NoticeKind> = new Set([NoticeKind.DAILY_DIGEST]);

export const emailByDefault = (kind: NoticeKind): boolean => !EMAIL_OFF_BY_DEFAULT.has(kind);

export function preferencesView(rows: PreferenceRow[]): PreferencesView {
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return {
    kinds: NOTICE_KINDS.filter((k) => k !== NoticeKind.DAILY_DIGEST).map((kind) => ({
      kind,
      email: chosen.get(kind) ?? emailByDefault(kind),
    })),
    dailyDigest: chosen.get(NoticeKind.DAILY_DIGEST) ?? false,
  };
}
