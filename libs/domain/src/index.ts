export * from './text/vietnamese';
export * from './time/periods';
export * from './registry/succession';
export * from './registry/milestones';
export * from './access/policy';
