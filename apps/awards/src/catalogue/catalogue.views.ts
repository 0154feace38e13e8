import { AwardTypeView } from '@tdkt/contracts';
import { AwardType } from '@tdkt/domain';

/** An award type as the API shows it (what it aggregates, `covers`, stays inside). */
export function awardTypeView(a: AwardType): AwardTypeView {
  const { covers: _covers, ...view } = a;
  return view;
}
