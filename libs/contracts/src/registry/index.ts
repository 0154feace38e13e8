export * from './dto';
export * from './model';
export * from './subjects';
export * from './conferences';
