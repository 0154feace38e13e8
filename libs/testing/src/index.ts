export * from './net';
export * from './docker';
export * from './postgres';
export * from './nats';
export * from './s3';
export * from './expect-eventually';
export * from './env';
export * from './tokens';
