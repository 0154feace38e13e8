export * from './kinds';
export * from './model';
export * from './dto';
export * from './subjects';
