import { milestoneAnchorIssues, milestoneAnchorProblems, resolveMilestones } from './milestones';

const m = (
  code: string,
  o: Partial<{ startsOn: string; dueOn: string; anchorCode: string; offsetDays: number }> = {},
) => ({
  code,
  startsOn: o.startsOn ?? null,
  dueOn: o.dueOn ?? null,
  anchorCode: o.anchorCode ?? null,
  offsetDays: o.offsetDays ?? null,
});

describe('milestones (seed 000)', () => {
  it('dossiers are due 7 days after the conference, once the conference has a date', () => {
    const unknown = resolveMilestones([
      m('conference'),
      m('dossier', { anchorCode: 'conference', offsetDays: 7 }),
    ]);
    expect(unknown.get('dossier')?.dueOn).toBeNull();
    const known = resolveMilestones([
      m('conference', { startsOn: '2024-02-27' }),
      m('dossier', { anchorCode: 'conference', offsetDays: 7 }),
      m('prep', { anchorCode: 'conference', offsetDays: -1 }),
    ]);
    expect(known.get('dossier')?.dueOn).toBe('2024-03-05');
    expect(known.get('prep')?.dueOn).toBe('2024-02-26');
    expect(known.get('dossier')?.dueAt?.toISOString()).toBe('2024-03-05T16:59:59.999Z');
  });

  it('reports missing anchors and cycles', () => {
    expect(milestoneAnchorProblems([m('a', { anchorCode: 'zz', offsetDays: 1 })])).toHaveLength(1);
    expect(
      milestoneAnchorProblems([
        m('a', { anchorCode: 'b', offsetDays: 1 }),
        m('b', { anchorCode: 'a', offsetDays: 1 }),
      ]),
    ).toHaveLength(2);
    expect(
      milestoneAnchorIssues([
        m('a', { anchorCode: 'zz', offsetDays: 1 }),
        m('b', { anchorCode: 'c', offsetDays: 1 }),
        m('c', { anchorCode: 'b', offsetDays: -1 }),
      ]),
    ).toEqual([
      { code: 'a', anchorCode: 'zz', issue: 'MISSING_ANCHOR' },
      { code: 'b', anchorCode: 'c', issue: 'CYCLE' },
      { code: 'c', anchorCode: 'b', issue: 'CYCLE' },
    ]);
    expect(
      resolveMilestones([
        m('a', { anchorCode: 'b', offsetDays: 1 }),
        m('b', { anchorCode: 'a', offsetDays: 1 }),
      ]).get('a')?.dueOn,
    ).toBeNull();
  });
});
