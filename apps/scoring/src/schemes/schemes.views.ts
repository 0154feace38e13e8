import { SchemeBody, SchemeState, SchemeView } from '@tdkt/contracts';
import { maximumTotal } from '@tdkt/domain';
import type { SchemeRow } from './schemes.repository';

export function schemeView(r: SchemeRow): SchemeView {
  return {
    id: r.id,
    groupId: r.group_id,
    year: r.year,
    version: r.version,
    state: r.state as SchemeState,
    scheme: r.body as SchemeBody,
    tieBreaks: r.tie_breaks,
    honours: r.honours,
    maximumTotal: maximumTotal(r.body),
    createdAt: new Date(r.created_at).toISOString(),
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
  };
}
