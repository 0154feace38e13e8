export * from './model';
export * from './dto';
export * from './covenant';
export * from './subjects';
