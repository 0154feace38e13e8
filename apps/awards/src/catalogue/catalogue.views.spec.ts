import { AWARD_CATALOGUE } from '@tdkt/domain';
import { awardTypeView } from './catalogue.views';

describe('catalogue views', () => {
  it('shows every field of a type but what it covers', () => {
    const covering = AWARD_CATALOGUE.find((a) => a.covers?.length);
    expect(covering).toBeDefined();
    const v = awardTypeView(covering!);
    expect(v).not.toHaveProperty('covers');
    expect(v).toMatchObject({ code: covering!.code, name: covering!.name, group: covering!.group });
  });
});
