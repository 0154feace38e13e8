export * from './common';
export * from './events';
export * from './rpc';
export * from './registry';
export * from './intake';
export * from './scoring';
export * from './awards';
export * from './errors';
