import { SchemeBody, SchemeState, SchemeView } from '@tdkt/contracts';
import { maximumTotal, SchemeStateName, SchemeStates } from '@tdkt/domain';
import type { SchemeRow } from './schemes.repository';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The wire enum carries exactly the domain's states: this fails to compile when they drift apart. */
export const SCHEME_STATES_MATCH: Same<`${SchemeState}`, SchemeStateName> = true;

const STATE: { [K in SchemeStateName]: SchemeState } = {
  [SchemeStates.DRAFT]: SchemeState.DRAFT,
  [SchemeStates.PUBLISHED]: SchemeState.PUBLISHED,
};

export function schemeView(r: SchemeRow): SchemeView {
  return {
    id: r.id,
    groupId: r.group_id,
    year: r.year,
    version: r.version,
    state: STATE[r.state],
    scheme: r.body as SchemeBody,
    tieBreaks: r.tie_breaks,
    honours: r.honours,
    maximumTotal: maximumTotal(r.body),
    createdAt: new Date(r.created_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}
